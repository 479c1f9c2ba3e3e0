from django.conf import settings


def content_security_policy(get_response):
    """A strict Content-Security-Policy on every response: no inline script or style."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware
