"""The baseline of bench/throughput.py: the smallest Litestar app (one JSON endpoint), served like the real one."""
from litestar import Litestar, get


@get("/ping", sync_to_thread=False)
def ping() -> dict[str, bool]:
    return {"ok": True}


app = Litestar([ping])
