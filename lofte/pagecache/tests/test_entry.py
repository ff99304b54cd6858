import pickle

from lofte.pagecache.middleware import CSRF_PLACEHOLDER, Entry


def test_a_kept_page_keeps_the_same_stored_form_and_is_cut_at_its_csrf_placeholders_again():
    body = b"<p>a</p>" + CSRF_PLACEHOLDER + b"<p>b</p>" + CSRF_PLACEHOLDER + b"<p>c</p>"
    entry = Entry(200, [("Content-Type", "text/html")], body, True, False, '"e"', None)
    assert entry.parts == (b"<p>a</p>", b"<p>b</p>", b"<p>c</p>")
    # What the shared cache holds is the seven fields pages were kept with before `parts`,
    # so pages kept by a server of the previous release still load.
    assert entry.__getstate__() == (
        200,
        [("Content-Type", "text/html")],
        body,
        True,
        False,
        '"e"',
        None,
    )
    again = pickle.loads(pickle.dumps(entry))
    assert again.parts == entry.parts and again.body == body


def test_a_kept_page_without_a_form_is_not_cut():
    entry = Entry(200, [], b"<p>plain</p>", False, False, None, None)
    assert pickle.loads(pickle.dumps(entry)).parts is None
