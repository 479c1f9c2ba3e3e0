from django.urls import path

from gcmhub.declarations import views

app_name = "declarations"
revision = "declaration/<int:year>/<int:number>/"
urlpatterns = [
    path("declaration/", views.document_list, name="list"),
    path("declaration/proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path(
        "declaration/proposals/<int:pk>/withdraw/",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path("declaration/proposals/<int:pk>/support/", views.support, name="support"),
    path("declaration/proposals/<int:pk>/decide/", views.decide, name="decide"),
    path(
        "declaration/supports/<int:pk>/withdraw/", views.support_withdraw, name="support_withdraw"
    ),
    path("declaration/<int:year>/", views.document_detail, name="document"),
    path("declaration/<int:year>/new/", views.document_new, name="document_new"),
    path("declaration/<int:year>/settings/", views.document_edit, name="document_edit"),
    path("declaration/<int:year>/next/", views.start_revision, name="start_revision"),
    path("declaration/<int:year>/compare/", views.compare, name="compare"),
    path(revision, views.revision_detail, name="revision"),
    path(f"{revision}text.docx", views.revision_file, {"kind": "docx"}, name="revision_docx"),
    path(f"{revision}text.pdf", views.revision_file, {"kind": "pdf"}, name="revision_pdf"),
    path(f"{revision}publish/", views.publish_revision, name="publish"),
    path(f"{revision}round/open/", views.open_round, name="open_round"),
    path(f"{revision}round/close/", views.close_round, name="close_round"),
    path(f"{revision}adopt/", views.adopt, name="adopt"),
    path(f"{revision}import/", views.import_text, name="import"),
    path(f"{revision}paragraphs/new/", views.paragraph_add, name="paragraph_add"),
    path(f"{revision}paragraphs/<int:pk>/edit/", views.paragraph_edit, name="paragraph_edit"),
    path(f"{revision}paragraphs/<int:pk>/delete/", views.paragraph_delete, name="paragraph_delete"),
    path(f"{revision}paragraphs/<int:pk>/propose/", views.propose, name="propose"),
    path(f"{revision}compilation/", views.compilation, name="compilation"),
    path(
        f"{revision}compilation/publish/",
        views.publish_compilation,
        name="publish_compilation",
    ),
    path(
        f"{revision}compilation.docx",
        views.compilation_file,
        {"kind": "docx"},
        name="compilation_docx",
    ),
    path(
        f"{revision}compilation.pdf",
        views.compilation_file,
        {"kind": "pdf"},
        name="compilation_pdf",
    ),
]
