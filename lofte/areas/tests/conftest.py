"""Real files (see data/README.md) and small GeoJSON made in code for the areas tests."""

import json
from pathlib import Path

import pytest

from lofte.kommuner.models import Kommun

DATA = Path(__file__).parent / "data"


def read(name):
    return (DATA / name).read_bytes()


def square(lon, lat, size=0.01):
    """A GeoJSON Polygon: an anticlockwise square with its south-west corner at lon, lat."""
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features, crs=None):
    """The bytes of a FeatureCollection, with a legacy crs member when `crs` is given."""
    doc = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(doc).encode()


@pytest.fixture
def goteborg(db):
    return Kommun.objects.get(code="1480")
