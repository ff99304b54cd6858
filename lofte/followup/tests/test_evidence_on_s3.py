"""Evidence files in an S3 bucket (moto's in-process S3), configured as `lofte.settings` reads
AWS_STORAGE_BUCKET_NAME: stored there, handed out only through the evidence view and its
access check, never given a public address, and deleted when a save is refused."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from lofte.followup.models import Update
from lofte.followup.tests.test_reporting import edit_url, evidence_url, form_data
from lofte.promises.models import Commitment
from lofte.settings import file_storage

pytestmark = pytest.mark.django_db
BUCKET = "lofte-evidence"
PDF = b"%PDF-1.4 bevis i en hink"


@pytest.fixture
def bucket(settings, monkeypatch, tmp_path):
    """An empty private bucket in moto's S3 and Löfte's storage on it; return a boto3 client."""
    import boto3
    from moto import mock_aws

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "eu-north-1",
    }.items():
        monkeypatch.setenv(name, value)
    settings.MEDIA_ROOT = tmp_path  # must stay empty: nothing goes to the local disk
    with mock_aws():
        client = boto3.client("s3", region_name="eu-north-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": file_storage(
                {"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_REGION_NAME": "eu-north-1"}
            ),
        }
        yield client


@pytest.fixture
def q1(periods):
    return periods[0]


@pytest.fixture
def c0(promise):
    return promise.commitments().get(order=0)


def keys(client):
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def upload(client, promise, period, commitment, name="bevis.pdf", data=PDF, version=0):
    pdf = SimpleUploadedFile(name, data, "application/pdf")
    fields = form_data(commitment, version=version, text="Se bilagan", status="ongoing")
    return client.post(edit_url(promise, period, commitment), {**fields, "evidence_file": pdf})


def test_the_settings_put_files_in_the_bucket_named_by_the_environment():
    assert file_storage({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    s3 = file_storage({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "https://s3.x.se"})
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "b"
    assert s3["OPTIONS"]["endpoint_url"] == "https://s3.x.se"
    assert s3["OPTIONS"]["default_acl"] == "private"
    assert s3["OPTIONS"]["file_overwrite"] is False
    no_acl = file_storage({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_USE_ACL": "0"})
    assert no_acl["OPTIONS"]["default_acl"] is None


def test_evidence_in_a_bucket_is_served_only_through_the_access_check(
    bucket, client, promise, periods, erik, fatima, dana, c0, q1, tmp_path
):
    client.force_login(erik)
    assert upload(client, promise, q1, c0).status_code == 302
    update = Update.objects.get()
    assert keys(bucket) == [update.evidence_file.name]
    assert list(tmp_path.iterdir()) == []
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=update.evidence_file.name)
    assert not [g for g in acl["Grants"] if "AllUsers" in g["Grantee"].get("URI", "")]
    # Even the storage's own address for it is signed and short-lived, never public.
    assert "Signature" in default_storage.url(update.evidence_file.name)

    url = evidence_url(promise, update)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="bevis.pdf"')
    client.force_login(fatima)  # not her commitment, and the draft is not published
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302

    update.state, update.status = Update.State.APPROVED, Commitment.Status.DONE
    update.save()
    client.force_login(dana)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_two_files_of_one_name_in_a_bucket_stay_two(bucket, client, promise, periods, erik, c0, q1):
    client.force_login(erik)
    c2 = promise.commitments().get(order=2)  # erik's organisation reports on both
    assert upload(client, promise, q1, c0, data=PDF + b" ett").status_code == 302
    assert upload(client, promise, q1, c2, data=PDF + b" tva").status_code == 302
    assert len(keys(bucket)) == 2
    for commitment, ending in ((c0, b" ett"), (c2, b" tva")):
        update = Update.objects.get(commitment=commitment)
        response = client.get(evidence_url(promise, update))
        assert b"".join(response.streaming_content) == PDF + ending


def test_a_refused_save_deletes_its_upload_from_the_bucket(
    bucket, client, promise, periods, erik, c0, q1
):
    client.force_login(erik)
    assert upload(client, promise, q1, c0).status_code == 302
    first = keys(bucket)
    # Someone saved since this form was opened (version 0): a conflict, and its file goes.
    response = upload(client, promise, q1, c0, name="andra.pdf", version=0)
    assert response.status_code == 409
    assert keys(bucket) == first


def test_a_removed_file_in_a_bucket_is_no_longer_served(
    bucket, client, promise, periods, erik, c0, q1
):
    client.force_login(erik)
    upload(client, promise, q1, c0)
    update = Update.objects.get()
    url = evidence_url(promise, update)
    data = form_data(c0, version=update.version, text="Se bilagan", remove_file="on")
    assert client.post(edit_url(promise, q1, c0), data).status_code == 302
    assert client.get(url).status_code == 404
