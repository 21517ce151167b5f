"""The agreement model: the facts about one cooperation, and the calendar they are counted in.

Stage 1 of the pipeline. ``duration`` (calendar durations), ``agreement`` (frozen attrs
classes; ``None`` means "not known"), ``loader`` (YAML/JSON/mappings -> ``Agreement`` with
located data errors) and ``calendar`` (working days for statutory deadlines).

May import: the base modules (``errors``, ``source``, ``suggest``) only.
"""
