app_name = "api_docs"
urlpatterns = []
