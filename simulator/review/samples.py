"""Realistic made-up sessions, written with the real SessionRecorder: for tests, the review
benchmark and trying the review tools without running the simulator."""

from __future__ import annotations

import random
import struct
import wave
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import cast

from simulator.scoring.evidence import Evidence
from simulator.session.record import (
    ScenarioRef,
    Scores,
    SessionRecorder,
    Timings,
    Turn,
)
from simulator.transcript import Word
from simulator.vocabulary import DIMENSIONS, Dimension, SessionOutcome

SCENARIOS = [
    (
        ScenarioRef(
            id="en-bank-divorce",
            path="scenarios/en/bank-divorce.yaml",
            title="The customer who tells you about her divorce",
            language="en",
            sha256="3f" * 32,
        ),
        [
            (
                "opening",
                "I need to close the joint account. My husband left me, after thirty years.",
            ),
            ("more_detail", "He just packed a bag. Do you think I should get a lawyer?"),
            ("savings", "And the savings, is he allowed to take half? He never earned a penny."),
            ("tears", "Sorry. I don't usually cry in banks. You're very kind to listen."),
            ("queue", "Oh, there are people waiting. Do I sign here, or here?"),
            ("paperwork", "Thank you. Yes, I have the documents here somewhere."),
        ],
        "paperwork",
        [
            "Show you understand in one sentence, then bring the conversation back to the task.",
            "Do not give advice outside your role; point to a service that can help.",
        ],
    ),
    (
        ScenarioRef(
            id="en-gym-number",
            path="scenarios/en/gym-number.yaml",
            title="The member who wants your phone number",
            language="en",
            sha256="a1" * 32,
        ),
        [
            ("ask", "You always cheer me up. Can I have your number so we can grab a coffee?"),
            ("push", "Oh come on, just one coffee. Nobody has to know."),
            ("instagram", "Then just tell me your Instagram. Everyone has one."),
            ("hurt", "Wow. I thought we had a connection. That's a bit cold, isn't it?"),
            ("schedule", "Fine. Which days are you on, at least? I'll come in then."),
            ("accept", "Fair enough. See you on Thursday then."),
        ],
        "accept",
        [
            "Say no clearly and kindly; a vague 'maybe' invites the next ask.",
            "Offer what you can do at work instead.",
        ],
    ),
    (
        ScenarioRef(
            id="en-shop-shouting",
            path="scenarios/en/shop-shouting.yaml",
            title="The shopper who starts shouting",
            language="en",
            sha256="7c" * 32,
        ),
        [
            ("outburst", "This is ridiculous! I've been waiting twenty minutes and nobody cares!"),
            ("escalate", "Don't tell me to calm down! Get me your manager, now!"),
            ("threat", "I'll post about this shop everywhere. What's your name? Spell it!"),
            ("insult", "You're useless, the lot of you. Are you even listening to me?"),
            ("slows", "I've got a bus to catch, that's all. My daughter's waiting."),
            ("settle", "Right. Fine. I'll wait for the manager."),
        ],
        "settle",
        [
            "Name the frustration, then state the limit and its consequence calmly.",
            "Involve a colleague early when the shouting goes on.",
        ],
    ),
]

# reply, evidence phrases (phrase, dimension, indicator, points), behaviours
REPLIES: list[tuple[str, list[tuple[str, str, str, int]], list[str]]] = [
    (
        "I can hear how hard this is. Let's get the account closed for you today.",
        [
            ("I can hear how hard this is", "empathy", "acknowledge_feelings", 20),
            ("Let's get the account closed", "boundary_clarity", "stay_on_task", 15),
        ],
        ["acknowledge_feelings", "stay_on_task"],
    ),
    (
        "I'm not able to give out my personal number, but what I can do is book you a session "
        "with our coach.",
        [
            ("I'm not able to give out my personal number", "boundary_clarity", "state_limit", 25),
            ("what I can do is book you a session", "firmness", "offer_help", 15),
        ],
        ["state_limit", "offer_help"],
    ),
    (
        "Maybe later, we'll see. Um, sorry, sorry, I really am sorry.",
        [
            ("Maybe later, we'll see", "boundary_clarity", "vague_deferral", -20),
            ("sorry, sorry, I really am sorry", "firmness", "over_apologise", -15),
        ],
        ["vague_deferral", "over_apologise"],
    ),
    (
        "Calm down, it's not a big deal. That's your own fault for coming at lunchtime.",
        [
            ("Calm down, it's not a big deal", "empathy", "dismiss_feelings", -25),
            ("That's your own fault", "empathy", "judge_or_blame", -20),
        ],
        ["dismiss_feelings", "judge_or_blame"],
    ),
    (
        "I understand you're frustrated. If the shouting continues I'll have to ask you to "
        "leave, and I'm calling my manager over now.",
        [
            ("I understand you're frustrated", "empathy", "acknowledge_feelings", 15),
            (
                "If the shouting continues I'll have to ask you to leave",
                "firmness",
                "state_consequence",
                20,
            ),
            ("I'm calling my manager over now", "boundary_clarity", "involve_colleague", 15),
        ],
        ["acknowledge_feelings", "state_consequence", "involve_colleague"],
    ),
    (
        "Fine, just this once. You can text me on 07700 900123 or write to sam.taylor@example.com.",
        [
            ("Fine, just this once", "firmness", "cave_in", -25),
            ("You can text me on 07700 900123", "boundary_clarity", "share_personal_info", -30),
        ],
        ["cave_in", "share_personal_info", "agree_outside_contact"],
    ),
    (
        "That sounds really painful. A family lawyer or Citizens Advice can help with that; "
        "here, I can finish the closure form.",
        [
            ("That sounds really painful", "empathy", "acknowledge_feelings", 15),
            ("Citizens Advice can help with that", "boundary_clarity", "refer_channel", 15),
        ],
        ["acknowledge_feelings", "refer_channel", "stay_on_task"],
    ),
]

TRICKY_REPLY = (
    "<script>alert(1)</script> Sure, call me on +44 7700 900456 or mail jo.bloggs@example.org "
    '& we\'ll "sort it" <b>tonight</b>.'
)

TRAINEES = ["Ann Lee", "Bilal Khan", "Chloé Martin", "Dmitri Orlov", "Eve O'Neil",
            "Fatima Zahra", "Grace Hopper", "Hiro Tanaka", "Ines Costa", "Jonas Berg"]  # fmt: skip


def write_wav(path: Path, seconds: float = 0.4, rate: int = 16000) -> None:
    """A short quiet tone, mono 16-bit: enough for an <audio> element to load."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = int(seconds * rate)
    frames = b"".join(struct.pack("<h", 800 if (i // 20) % 2 else -800) for i in range(n))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(frames)


def make_turn(
    rng: random.Random, node: str, client: str, reply_index: int, skill: float, t0: float,
    reply: str | None = None, audio: str | None = None,
) -> Turn:  # fmt: skip
    text, phrases, behaviours = REPLIES[reply_index]
    if reply is not None:
        text = reply
    evidence = []
    for phrase, dim, indicator, points in phrases:
        at = text.find(phrase)
        if at >= 0:
            evidence.append(
                Evidence(
                    dimension=cast(Dimension, dim),
                    indicator=indicator,
                    points=points,
                    start=at,
                    end=at + len(phrase),
                    text=phrase,
                )  # fmt: skip
            )
    base = {d: 50 + skill * 25 for d in DIMENSIONS}
    for ev in evidence:
        base[ev.dimension] += ev.points
    scores = {d: int(max(0, min(100, v + rng.uniform(-8, 8)))) for d, v in base.items()}
    words, t = [], 0.35
    for token in text.split():
        dur = 0.12 + 0.04 * len(token)
        conf = rng.choice([0.97, 0.93, 0.88, 0.81]) if rng.random() > 0.08 else 0.42
        words.append(Word(token, round(t, 2), round(t + dur, 2), conf))
        t += dur + 0.06
    gap = rng.randint(400, 2600)
    client_end = t0 + 0.06 * len(client)
    reply_start = client_end + gap / 1000
    return Turn(
        node=node,
        client_text=client,
        reply_text=text,
        reply_source="speech",
        reply_audio=audio,
        words=tuple(words),
        scores=Scores(**scores),
        evidence=tuple(evidence),
        behaviours=tuple(behaviours),
        flags=("low_confidence",) if any(w.conf < 0.6 for w in words) else (),
        delivery={
            "words_per_minute": round(60 * len(words) / max(t, 0.1), 1),
            "long_pauses": rng.randint(0, 3),
            "filler_words": rng.choice([[], ["um"], ["um", "like"]]),
            "hesitation_s": round(gap / 1000, 1),
            "loudness_cv": round(rng.uniform(0.1, 0.6), 2),
        },
        timings=Timings(
            client_start=round(t0, 2),
            client_end=round(client_end, 2),
            reply_start=round(reply_start, 2),
            reply_end=round(reply_start + t, 2),
            response_gap_ms=gap,
        ),  # fmt: skip
    )


def write_sessions(
    directory: Path, count: int, *, seed: int = 6, audio: bool = False, tricky: bool = False
) -> list[Path]:
    """``count`` sessions over ~90 days by up to ten trainees who improve over time; a few are
    unfinished or quit. With ``tricky`` the first holds markup, a phone number and an e-mail."""
    rng = random.Random(seed)
    start = datetime(2026, 8, 1, 8, 0, tzinfo=timezone.utc)
    paths = []
    for i in range(count):
        scenario, lines, good_end, debrief = SCENARIOS[i % len(SCENARIOS)]
        trainee = TRAINEES[rng.randrange(len(TRAINEES))] if count > 1 else TRAINEES[0]
        when = start + timedelta(minutes=int(i * 90 * 24 * 60 / max(count, 1)))
        skill = -0.8 + 1.6 * i / max(count - 1, 1) + rng.uniform(-0.4, 0.4)
        rec = SessionRecorder(directory, trainee=trainee, scenario=scenario,
                              mode="exam" if i % 4 == 0 else "practice",
                              front_end="window", debrief=debrief, started_at=when)  # fmt: skip
        fate = rng.random()
        n_turns = len(lines) - 1 if fate < 0.9 else rng.randint(0, len(lines) - 2)
        t0 = 1.0
        made: list[Turn] = []  # (the recorder keeps a count, not the turns)
        for n in range(n_turns):
            node, client = lines[n]
            good = rng.random() < 0.5 + skill * 0.4
            index = rng.choice([0, 1, 4, 6]) if good else rng.choice([2, 3, 5])
            reply = TRICKY_REPLY if tricky and i == 0 and n == 0 else None
            audio_rel = None
            if audio:
                audio_rel = f"audio/{rec.session_id}/turn{n + 1}.wav"
                write_wav(directory / audio_rel)
            turn = make_turn(rng, node, client, index, skill, t0, reply, audio_rel)
            rec.add_turn(turn)
            made.append(turn)
            t0 = (turn.timings.reply_end or t0) + 1.0
        end_at = when + timedelta(minutes=3 + n_turns)
        if fate < 0.9:
            mean = sum(sum(t.scores.get(d) for d in DIMENSIONS)
                       for t in made) / max(3 * n_turns, 1)  # fmt: skip
            outcome: SessionOutcome = "good" if mean >= 65 else ("mixed" if mean >= 45 else "bad")
            summary = {"good": "You stayed kind and kept the limit.",
                       "mixed": "You kept the limit but lost the client on the way.",
                       "bad": "The limit gave way under pressure."}[outcome]  # fmt: skip
            rec.finish(outcome, good_end if outcome == "good" else "walks_off", summary, at=end_at)
        elif fate < 0.95:
            rec.finish_unfinished("trainee closed the window", outcome="quit", at=end_at)
        # else: left as written mid-session, as after a crash
        paths.append(rec.path)
    return paths
