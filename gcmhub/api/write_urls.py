"""The API's writing operations that have paths of their own (owned by api/write.py)."""

urlpatterns = []
