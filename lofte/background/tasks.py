"""The one django-tasks task: run a background Job (lofte.background.jobs)."""

from django_tasks import task

from lofte.background import jobs


@task()
def run_job(job_id):
    return jobs.run(job_id)
