"""Turns news articles into source articles, organizations, contacts and opportunities.

The pipeline is read → clean → parse → extract → resolve → save; every step before `save`
is a pure function over the frozen dataclasses of :mod:`importers.types`.
"""
