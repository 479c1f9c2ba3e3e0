"""The open data of this part (see gcmhub.web.opendata)."""

RESOURCES = []
