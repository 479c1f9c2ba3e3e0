"""Writing through the API with an organisation's token: pledge drafts created, updated and
submitted with the same validation, lifecycle and permissions as the forms."""

# The read views hand POST on a collection and PATCH on an item to these, by collection name:
# {"pledges": {"collection": {"POST": view}, "item": {"PATCH": view}}}; a view takes
# (request, resource_name) for a collection and (request, resource_name, pk) for an item.
WRITERS: dict[str, dict[str, dict]] = {}
# OpenAPI path items of the writing operations, merged into the document by api/openapi.py:
# {"/api/v1/pledges/": {"post": {...}}, "/api/v1/pledges/{id}/": {"patch": {...}}, ...}
OPENAPI_PATHS: dict[str, dict] = {}
