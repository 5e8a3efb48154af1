"""Answering questions the way a learner's browser does (form fields of the challenge page)."""

from octet.engine import grading


def right_answer_fields(challenge) -> dict:
    kind = challenge.type
    parsed = grading.parse_solution(kind, challenge.solution, proposals=challenge.proposals)
    data = {"challenge_id": challenge.id}
    if kind == "QCU":
        data["answer"] = parsed
    elif kind == "QCM":
        data["answer"] = sorted(parsed)
    else:
        keys = [b.key for b in grading.input_blocks(challenge.proposals)]
        if kind == "QROC":
            data[f"input-{keys[0]}"] = parsed[0]
        elif kind == "QROCM-ind":
            data.update({f"input-{k}": parsed[k][0] for k in keys})
        else:
            groups = list(parsed.values())
            data.update({f"input-{k}": groups[i][0] for i, k in enumerate(keys)})
    return data


def wrong_answer_fields(challenge) -> dict:
    kind = challenge.type
    data = {"challenge_id": challenge.id}
    if kind in ("QCU", "QCM"):
        count = len(grading.proposal_items(challenge.proposals))
        parsed = grading.parse_solution(kind, challenge.solution, proposals=challenge.proposals)
        right = {parsed} if kind == "QCU" else set(parsed)
        data["answer"] = next(str(i) for i in range(1, count + 1) if str(i) not in right)
    else:
        for block in grading.input_blocks(challenge.proposals):
            data[f"input-{block.key}"] = block.options[-1] + "x" if block.options else "zzzzqqqq"
    return data


def post_answer(client, assessment, fields):
    """Answer the current question as a learner does: a timed question's countdown is started first."""
    assessment.refresh_from_db()
    if assessment.is_started and assessment.current_challenge_asked_at is None:
        client.post(
            f"/evaluations/{assessment.pk}/chronometre/", {"challenge_id": assessment.current_challenge_id}
        )
    return client.post(f"/evaluations/{assessment.pk}/repondre/", fields)
