"""One gzip level for every response: the compression middleware's and the handlers' that gzip their own bytes.

5 rather than zlib's default 6: on the pages and documents we send it costs about a fifth less CPU for a few
bytes more (docs/benchmarks.md); a formation of 487 places is 125 KB of JSON, gzipped on every request before.
"""
from litestar.config.compression import CompressionConfig
from litestar.middleware.compression import CompressionMiddleware

GZIP_LEVEL = 5


def accepts_gzip(scope) -> bool:
    """Whether the request accepts gzip. Header names come lower-cased (ASGI); any value naming gzip counts, whatever
    its q-value. (A loop, not any() over a generator: one less object made for every request.)"""
    for name, value in scope["headers"]:
        if name == b"accept-encoding" and b"gzip" in value:
            return True
    return False


class GzipWhenAccepted:
    """Litestar's compression middleware, stepped over when the client accepts no gzip (an API client, a bench):
    it would build the request's headers to learn that, and answer the same bytes."""

    def __init__(self, app, config: CompressionConfig):
        self.app, self.compressing = app, CompressionMiddleware(app=app, config=config)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not accepts_gzip(scope):
            await self.app(scope, receive, send)
        else:
            await self.compressing(scope, receive, send)


def compression_config() -> CompressionConfig:
    # Handlers with opt={"precompressed": True} send gzip themselves (kept documents, the offline snapshot).
    return CompressionConfig(backend="gzip", minimum_size=512, gzip_compress_level=GZIP_LEVEL,
                             exclude_opt_key="precompressed", middleware_class=GzipWhenAccepted)
