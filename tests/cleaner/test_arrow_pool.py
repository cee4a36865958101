import pyarrow as pa
import pytest

from cleaner.arrow_pool import use_system_allocator


@pytest.fixture
def restore_pool():
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


def _mimalloc():
    try:
        return pa.mimalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without it
        pytest.skip("pyarrow has no mimalloc pool")


def test_the_system_allocator_becomes_the_default_pool(restore_pool, monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    pa.set_memory_pool(_mimalloc())
    use_system_allocator()
    assert pa.default_memory_pool().backend_name == "system"


def test_a_pool_the_user_chose_is_left_alone(restore_pool, monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    pa.set_memory_pool(_mimalloc())
    use_system_allocator()
    assert pa.default_memory_pool().backend_name == "mimalloc"
