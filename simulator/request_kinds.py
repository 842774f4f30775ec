"""What a client can ask a staff member for (a scenario node's `request:`), shared by the
scenario model, which checks the names, and the scorer, which judges whether a reply grants it."""

from __future__ import annotations

REQUEST_KINDS = (
    "personal_contact",  # the staff member's number, e-mail, socials, address
    "meet_outside_work",  # coffee, a walk home, waiting outside after the shift
    "stay_on_line",  # keep talking as long as the client wants
    "unauthorised_favour",  # bend a rule, skip a step, "just this once"
    "refund_or_discount",  # money back or a price the rules do not allow
    "advice_outside_remit",  # personal, legal, medical or money advice beyond the role
    "stay_in_danger",  # stay put during an alarm or an evacuation
    "colleague_information",  # a colleague's schedule, number, address
    "none",  # nothing is asked: the client vents or over-shares
)
