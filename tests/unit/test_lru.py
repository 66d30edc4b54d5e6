"""The bounded cache behind the catalogue's result cache: recency order, eviction at its size, clear."""
from mps.lib.lru import LRU


def test_the_least_recently_used_entry_goes_first():
    cache = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (1, 3)


def test_size_is_a_bound_and_clear_empties_it():
    cache = LRU(3)
    for i in range(10):
        cache.put(i, str(i))
    assert len(cache.items) == 3 and cache.get(9) == "9" and cache.get(0) is None
    cache.clear()
    assert cache.get(9) is None and len(cache.items) == 0
