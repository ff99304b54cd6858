"""Reporting from an actor's own systems: token-authenticated, through follow-up's form."""

from ninja import Router

router = Router()
