"""Operating a Löfte installation: `lofte backup` and `lofte restore`."""
