"""The evaluation's parts of the promise's pages (lofte.promises.pages)."""
