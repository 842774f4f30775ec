"""Behaviour detection on natural paraphrases (English): scenario branching relies on it.

Each behaviour is said several ways a trainee might say it; none of these sentences is in a
rubric. Controls check that polite, professional replies do not trip red flags.
"""

from __future__ import annotations

import pytest

from simulator.scoring import ReplyContext, Scorer

PARAPHRASES = {
 "acknowledge_feelings": ["That's awful, I'm sorry you're dealing with that.", "I can only imagine how stressful this has been.", "You've had a really rough time of it.", "It makes sense that you're angry.", "I'd be frustrated too in your position.", "That's a horrible thing to go through.", "I get that this is really upsetting.", "I hear you, that's not okay.", "What a worrying situation to be in.", "That must be so scary for you."],
 "state_limit": ["I'm not in a position to do that.", "That's something I can't help with.", "I won't be able to do that for you.", "Sorry, that's a no from me.", "I have to say no to that.", "I don't give my number to customers.", "We're not allowed to accept gifts.", "That isn't allowed, I'm afraid.", "I need to stop you there.", "I'm unable to share that information.", "That's outside what I can do.", "That won't be possible, sorry.", "Not happening, I'm afraid.", "Following me home isn't okay.", "That's personal.", "This area is staff only.", "No refunds without a receipt.", "I need you to lower your voice."],
 "offer_help": ["I can sort that out for you now.", "Let me see what options we have.", "I'll take care of that today.", "I'm going to fix this for you.", "What I'll do is raise it with the team.", "I can book you in for tomorrow."],
 "refer_channel": ["The best people to talk to would be Citizens Advice.", "You'd need to raise that with customer services.", "Our complaints team can look into that.", "I'd suggest speaking to your GP.", "You can call the helpline on the back of your card.", "A solicitor would be the right person for that."],
 "state_consequence": ["If you carry on swearing, I'll have to end the call.", "Any more of that and I'll call security.", "If this continues I'll have to ask you to leave the store.", "I'll hang up if the abuse continues."],
 "stay_on_task": ["Shall we get back to your booking?", "So, coming back to your refund.", "Right, let's sort out this parcel.", "Let's focus on getting your card replaced.", "Can we get the form filled in?", "What I need from you now is your reference number."],
 "give_instruction": ["Get everyone out of the building now.", "Move to the fire exit immediately.", "Walk calmly to the car park and wait there.", "Don't go back in for your bag.", "Keep pressure on it with this towel.", "Call 999 and ask for an ambulance."],
 "involve_colleague": ["I'm going to get my manager.", "Let me call security.", "I'll ask my supervisor to come over.", "Security are on their way.", "I'll get a colleague to help."],
 "share_personal_info": ["I'm off on Sundays.", "I work Monday to Wednesday.", "My shift ends at eight.", "I live in Hackney, near the station.", "I'm single at the moment actually.", "You can find me on Instagram."],
 "agree_outside_contact": ["Sure, let's meet up sometime.", "I'd love to grab a coffee with you.", "Yeah, give me a call later.", "Okay, I'll meet you after my shift.", "We could go for a drink on Friday.", "Why not, add me on Facebook."],
 "vague_deferral": ["Maybe another time.", "We'll see.", "Possibly, let me think about it.", "Not right now, maybe later.", "Ask me again next week.", "I'll get back to you on that."],
 "dismiss_feelings": ["Calm down.", "It's really not a big deal.", "You're overreacting.", "There's no need to get upset.", "Don't be so dramatic.", "Look on the bright side.", "He'll be fine, it's probably nothing.", "Everybody's got problems."],
 "judge_or_blame": ["That's your own fault.", "You should have read the terms.", "Well, what did you expect?", "If you'd listened the first time, we wouldn't be here.", "That was a silly thing to do.", "Only an idiot would fall for that."],
 "sarcasm": ["Oh great, another complaint.", "Yeah, right.", "Well done, genius.", "Oh, poor you."],
 "cave_in": ["Fine, just this once.", "Okay, okay, I'll do it.", "Alright, I'll make an exception for you.", "Go on then, I'll let it slide.", "I'll waive the fee this time.", "Since it's you, I'll skip the fee.", "Oh, go on then.", "I don't usually, but you're different."],
 "over_apologise": ["Sorry, sorry, I'm so sorry.", "I'm really sorry, I apologise, I'm so sorry about this.", "Please, I'm begging you, I'm sorry."],
 "aggression": ["Shut up.", "Don't you dare talk to me like that, you idiot.", "Get out of my shop.", "Who do you think you are?"],
 "overstep_role": ["I promise it'll all be fine.", "You should leave him.", "Honestly, I'd sue them if I were you.", "Take two of these tablets, you'll feel better.", "I'm sure the test results are nothing."],
}

CASES = [pytest.param(b, r, id=f"{b}-{i}") for b, rs in PARAPHRASES.items()
         for i, r in enumerate(rs)]


@pytest.mark.parametrize(("behaviour", "reply"), CASES)
def test_paraphrase_is_detected(en: Scorer, behaviour: str, reply: str) -> None:
    assert behaviour in en.score(reply, ReplyContext("en")).behaviours


RED_FLAGS = {"share_personal_info", "agree_outside_contact", "vague_deferral", "dismiss_feelings",
             "judge_or_blame", "sarcasm", "cave_in", "over_apologise", "aggression",
             "overstep_role"}
PROFESSIONAL = [
    "I'm sorry, I can't give out my number, but I'm happy to help with your account here.",
    "Thank you for telling me. Let's get the form filled in so we can close the account.",
    "I can hear this is frustrating. I won't be spoken to like that, but I will check your "
    "refund now.",
    "Please leave by the front door now and wait in the car park.",
    "I don't meet customers outside work. Is there anything else I can help with today?",
    "That's a question for your GP; the pharmacist can also talk it through with you.",
    "Can you give me your order number so I can look into it?",
    "No, I'm not going to make an exception, but I can order you a new card.",
    "Please don't wait for me outside again.",
    "Let's go through the paperwork together.",
    "We can look at the ten o'clock slot for your appointment.",
]


@pytest.mark.parametrize("reply", PROFESSIONAL)
def test_professional_replies_raise_no_red_flag(en: Scorer, reply: str) -> None:
    assert not en.score(reply, ReplyContext("en")).behaviours & RED_FLAGS
