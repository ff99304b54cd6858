import gc

import pytest

from lofte.ops import memory


@pytest.fixture
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def test_a_worker_hides_its_long_lived_objects_from_the_collector_after_its_first_request(
    thawed,
):
    wrapped = memory.FreezeLongLived(app)
    assert gc.get_freeze_count() == 0
    body = wrapped({}, lambda status, headers: None)
    assert body == [b"ok"]
    assert gc.get_freeze_count() > 1000


def test_it_freezes_again_after_the_tenth_and_hundredth_request_and_not_between(
    thawed, monkeypatch
):
    freezes = []
    monkeypatch.setattr(memory, "freeze", lambda: freezes.append(wrapped.served))
    wrapped = memory.FreezeLongLived(app)
    for _ in range(150):
        wrapped({}, lambda status, headers: None)
    assert freezes == [1, 10, 100]


def test_it_counts_a_request_that_failed(thawed, monkeypatch):
    def broken(environ, start_response):
        raise RuntimeError("boom")

    monkeypatch.setattr(memory, "freeze", lambda: None)
    wrapped = memory.FreezeLongLived(broken)
    with pytest.raises(RuntimeError):
        wrapped({}, lambda status, headers: None)
    assert wrapped.served == 1


def test_garbage_made_after_a_freeze_is_still_collected(thawed):
    memory.freeze()

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    del a, b
    assert gc.collect() >= 2


def test_the_wsgi_application_that_servers_run_is_wrapped():
    from lofte.wsgi import application

    assert isinstance(application, memory.FreezeLongLived)
