"""Referential <-> JSON payload stored in a ContentRelease (pure Python)."""

from dataclasses import asdict, fields

from .content import Area, Challenge, Competence, Referential, Skill, Tube, Tutorial

_SECTIONS = {
    "areas": Area,
    "competences": Competence,
    "tubes": Tube,
    "skills": Skill,
    "challenges": Challenge,
    "tutorials": Tutorial,
}


def to_payload(ref: Referential) -> dict:
    payload = {name: [asdict(obj) for obj in getattr(ref, name).values()] for name in _SECTIONS}
    payload["release"] = ref.release
    payload["demo"] = list(ref.demo)
    return payload


def from_payload(payload: dict) -> Referential:
    sections = {}
    for name, cls in _SECTIONS.items():
        names = {f.name for f in fields(cls)}
        objects = [cls(**{k: v for k, v in row.items() if k in names}) for row in payload[name]]
        key = "code" if name in ("areas", "competences") else "id"
        sections[name] = {getattr(o, key): o for o in objects}
    return Referential(release=payload["release"], demo=list(payload.get("demo", [])), **sections)
