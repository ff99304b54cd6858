"""A mail server that takes its time: each message waits, then is written to a file in
SLOW_MAIL_DIR, so a test can kill a worker in the middle of sending (test_worker_death)."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowBackend(EmailBackend):
    def __init__(self, **kwargs):
        super().__init__(file_path=os.environ["SLOW_MAIL_DIR"], **kwargs)

    def send_messages(self, messages):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.2")))
        return super().send_messages(messages)
