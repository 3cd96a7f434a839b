"""Contains shared errors types that can be raised from API functions"""


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class UnexpectedResponseBody(Exception):
    """Raised by api functions when a response body cannot be parsed as the documented model (empty, not
    JSON, or another shape). The parsing error is the ``__cause__``."""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected response body for status {status_code}:\n{content[:2000].decode(errors='ignore')}"
        )


__all__ = ["UnexpectedResponseBody", "UnexpectedStatus"]
