from django.apps import AppConfig


class TestappConfig(AppConfig):
    name = "gcmhub.workflow.tests.testapp"
    label = "testapp"
