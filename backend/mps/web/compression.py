"""One gzip level for every response: the compression middleware's and the handlers' that gzip their own bytes.

5 rather than zlib's default 6: on the pages and documents we send it costs about a fifth less CPU for a few
bytes more (docs/benchmarks.md); a formation of 487 places is 125 KB of JSON, gzipped on every request before.
"""
from litestar.config.compression import CompressionConfig

GZIP_LEVEL = 5


def compression_config() -> CompressionConfig:
    # Handlers with opt={"precompressed": True} send gzip themselves (kept documents, the offline snapshot).
    return CompressionConfig(backend="gzip", minimum_size=512, gzip_compress_level=GZIP_LEVEL,
                             exclude_opt_key="precompressed")
