"""The open-data links on the promise page (lofte.promises.pages), registered by ApiConfig."""

from lofte.promises import pages


@pages.adds_to("detail")
def open_data_on_the_promise_page(request, promise, **objects):
    if not promise.is_public:
        return {}
    return {"parts": {"end": ["api/_promise_open_data.html"]}}
