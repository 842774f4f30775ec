"""Per language: how a client line asks for each kind of request, and how a reply grants,
refuses or defers it. Regular expressions over the reply's surface text (lower case; Chinese
with the recogniser's spaces removed; see request.py). A grant pattern whose own words say
"not" ("I won't hang up") is listed under `grant_negative` and is not refused by a negation
before it.
"""

from __future__ import annotations

from typing import Any

from simulator.scoring.request_patterns_zh import ZH

_DAY_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"

# "message me through the gym app": reaching staff where they work is no personal contact
_AT_WORK_EN = (r"(?!(?: (?:through|via|on|in|at))? (?:the|our) (?:\w+ ){0,2}(?:app|website|site|"
               r"portal|system|desk|reception|office|switchboard|helpline|line|inbox|account|chat|number))")

EN: dict[str, Any] = {
    "negators": r"\b(?:not|no|never|nobody|nothing|cannot|unable|nor)\b|n't\b|\b(?:cant|wont|dont|"
                 r"didnt|doesnt|isnt|arent|wasnt|werent|shouldnt|couldnt|wouldnt|havent|hasnt|"
                 r"mustnt)\b",
    "asks": {
        "stay_in_danger": r"\b(?:alarm|fire|evacuat\w*|smoke|gas leak|bomb|drill)\b",
        "colleague_information": r"\b(?:your colleague|(?:that|the) (?:girl|guy|woman|man|lady|nurse|"
                                 r"pharmacist|assistant|cashier|receptionist|trainer|teller)|when "
                                 r"(?:does|is) (?:she|he)|where does (?:she|he) live|(?:her|his) "
                                 r"(?:name|shift|shifts|number|schedule|rota|address|days|surname))\b|\bwhat (?:nights|days|shifts|times|hours) (?:is|does|are) (?:he|she|they)\b|\bdoes (?:he|she) live\b|\bis (?:she|he|dr \w+|doctor \w+|nurse \w+) (?:married|single|seeing anyone)\b|\b(?:dr|doctor|nurse|mr|mrs|ms|"
                                 r"miss) \w+'?s (?:home |private |mobile )?(?:address|number|phone|shift)|\bhome address\b|"
                                 r"\bwhat time does (?:dr |doctor |nurse |mr |mrs |ms )?\w+ (?:finish|leave|start|get off|clock off)|\bwhere does (?:she|he|dr \w+|\w+) park\b",
        "personal_contact": r"\b(?:your|ur) (?:own |personal |private |mobile |home |cell )?(?:number|phone|"
                            r"mobile|cell|email|e-mail|address|instagram|insta|facebook|whatsapp|"
                            r"snapchat|socials|details|contact|handle)\b|\b(?:add|follow|text|call|"
                            r"message|dm|friend) you\b|\bkeep in touch\b|\bget in touch with you\b",
        "meet_outside_work": r"\b(?:(?:grab|get|have|go for|buy you) (?:a )?(?:coffee|drink|drinks|"
                             r"dinner|lunch|bite)|coffee (?:with me|sometime|together|after)|a date|"
                             r"which way do you go|walk(?:ing)? (?:home )?(?:with you|together)|meet up|meet you|walk you|"
                             r"walk me|wait for you|waiting for you|pick you up|hang out|after work|"
                             r"after your shift|when you finish|outside work|go out|see you outside|"
                             r"give you a lift|come round)\b",
        "stay_on_line": r"\b(?:stay on (?:the (?:line|phone))?|don'?t hang up|do not hang up|keep "
                        r"talking|(?:talk|chat|stay|on the phone) (?:\w+ )?all night|stay with me|talk (?:to me )?(?:a bit )?longer|don'?t go|just "
                        r"talk to me|keep me company)\b",
        "refund_or_discount": r"\b(?:refund|discount|money back|compensation|for free|cheaper|knock "
                              r"(?:\w+ ){1,3}off|waive|voucher|price match|reimburse|(?:percent|per cent|quid|pounds|"
                              r"a tenner|a fiver) off)\w*|%\s*off\b",
        "unauthorised_favour": r"\b(?:just this once|make an exception|bend the rules?|nobody will know|"
                               r"no one will know|between us|skip the (?:queue|line|wait)|jump the "
                               r"queue|without (?:a|the|my) (?:prescription|id|receipt|form|ticket|"
                               r"appointment|card|booking)|can'?t you just|couldn'?t you just|do me a "
                               r"favou?r|let me (?:in|through|off)|override|just give me the|let it through|"
                               r"(?:nobody|no one)'?s going to (?:notice|know)|on its way)\b",
        "advice_outside_remit": r"\b(?:which (?:fund|shares|stocks|investment|account|treatment|medicine|tablets|lawyer|option|one) (?:should|to|do|would|is best)|tell me which|you'?d know better|where (?:should i|to) (?:put|invest|stick)|what (?:should|would) (?:i|you) do|should i|what do you think i "
                                r"should|would you (?:take|leave|invest|sell|buy)|your (?:advice|"
                                r"opinion)|tell me what to do|do you think i should|what would you "
                                r"do)\b",
    },
    "grant": {
        "personal_contact": [
            r"\bmy (?:own |personal |private |mobile |home |cell |work )?(?:number|phone|mobile|cell|"
            r"email|e-mail|address|instagram|insta|facebook|whatsapp|snapchat|socials|handle|"
            r"telegram)(?: number)? (?:is|it'?s|'s)\b(?! (?:just |only |strictly |kept )?(?:for (?:my |our |close )?(?:friends|family|"
            r"personal|private|own)|private|personal|not)\b)",
            r"\b(?:here'?s|here is|take|let me give you|i'?ll give you|i will give you|i can give you|"
            r"i'?ll write down|i'?ll send you|i'?ll pass you|have) my\b(?! (?:colleague|manager|(?:direct "
            r")?(?:work|office|desk|team|business|department)|direct (?:work )?line|extension|card))",
            r"\b(?:add|follow|message|text|call|ring|dm|find|look) me (?:on|at|up)\b" + _AT_WORK_EN,
            r"\b(?:you can|you could|feel free to|just) (?:text|call|ring|message|email|add|reach|"
            r"contact|dm|whatsapp) me\b" + _AT_WORK_EN,
            r"\b(?:i'?ll|i will|let me) (?:text|call|ring|message|email|add|follow|dm|whatsapp) you\b",
            r"[\w.+-]+@[\w-]+\.\w+|\b\w+ at \w+ dot (?:com|co|net|org|uk)\b|(?<!\w)@\w{2,}",
            r"\b(?:give|giving|share|sharing|pass|send|write down|tell|hand) (?:you |out )?(?:my|me "
            r"my) (?:own |personal |private |mobile |home |direct )?(?:number|mobile|phone|email|"
            r"address|details|whatsapp|instagram|contact|socials)\b",
        ],
        "meet_outside_work": [
            r"\b(?:i'?ll|i will|i can|we can|we'?ll) be (?:meeting|seeing|walking|waiting for) you\b",
            r"\b(?:let'?s|let us|we (?:could|can|should)|i'?d love to|i would love to|happy to|i'?ll|"
            r"i will|i can|why not) (?:meet|grab (?:a )?(?:coffee|drink|bite|lunch|dinner|pint)|get a (?:coffee|drink)|have (?:a )?(?:coffee|drink|"
            r"lunch|dinner)|go for|catch up|hang out|give you a lift)\b"
            # (not "I'll come straight back", "I'll walk you out": work, not a meeting)
            r"|\b(?:let'?s|let us|we (?:could|can|should)|i'?d love to|i would love to|happy to|i'?ll|"
            r"i will|i can|why not) (?:come(?=\s*(?:[.!?,;\u2014-]|$))|come (?:along|out|round|over|with you|to (?:your|the) (?:party|"
            r"dinner|drinks|pub|barbecue|bbq|wedding|do|house|place|flat))|walk (?:with )?you (?:home|"
            r"to your (?:car|bus|stop|house|flat|place|door|train)))\b",
            r"\b(?:see|meet) you (?:after|outside|tonight|later tonight|at the (?:pub|cafe|bar|park|"
            r"station|corner))\b",
            r"\b(?:it'?s a date|sounds like a plan|coffee sounds)\b",
            r"\bwait for me\b",
        ],
        "stay_on_line": [
            r"\b(?:i'?m|i am) (?:going to |gonna )?(?:stay|remain) on the (?:line|phone)\b",
            r"\b(?:i'?ll|i will|i can|i'?m happy to|happy to|i'?d be happy to) (?:stay|be|remain|keep "
            r"talking|talk|chat)\b[^.?!]{0,30}\b(?:all night|as long as|for as long|until|till|however "
            r"long|the whole night)\b",
            r"\bas long as you (?:need|want|like)\b",
            r"\ball night\b",
            r"\b(?:take|we have) all the time (?:you need|in the world)\b",
        ],
        "unauthorised_favour": [
            r"\bjust this (?:once|one time)\b",
            r"\b(?:i|we) (?:will|'ll|can|could) (?:unlock|release|reactivate|restore|reinstate|issue|reissue|"
            r"replace|unblock|reset)\b",
            r"\bwithout (?:a |an |the |your |any )?(?:id|ticket|prescription|receipt|passport|booking|"
            r"appointment|proof|documents?|licence|license)\b[^.?!]{0,20}\b(?:i|we) (?:can|will|'ll|could)\b",
            r"\b(?:i'?ll|i will|let me|i can) make an exception\b",
            r"\b(?:i'?ll|i will|let me) (?:bend|break) the rules?\b",
            r"\bbetween (?:you and me|us)\b",
            r"\b(?:go on then|oh go on|fine,? go ahead|alright then|okay then)\b",
            r"\bi'?ll (?:turn a blind eye|look the other way|pretend)\b",
            r"\b(?:i'?ll|i will|let me) (?:sneak|slip|squeeze|push) (?:you|it|that)\b",
            r"\b(?:i|we) (?:can|could|will|'ll) (?:hand over|hand you|let (?:you|it|that) (?:through|"
            r"in|off|go)|put it through|waive|skip|override|sign it off|give you the)\b",
        ],
        "refund_or_discount": [
            r"(?<!what )\b(?:i'?ll|i will|i can|let me|we'?ll|we will|we can) (?:give|knock|take|waive|"
            r"refund|offer|make|process|put through|get|sort|arrange)\b[^.?!]{0,25}\b(?:refund|discount|money back|"
            r"percent|per cent|%|off|free|reduction|compensation|voucher|fee)",
            # "for free" alone is often a free service ("she'll look at it for free"), not the refund
            r"\b(?:have|take|keep|get|give you|yours) (?:it |this |that |one |them |the \w+ )?(?:for free|free of charge)\b",
            r"\b(?:on the house|half price)\b(?! (?:with|if|when|for (?:members|"
            r"cardholders|students)|after|on (?:your|every)|once))",
            r"\bhere'?s (?:your|a|the) (?:full )?(?:refund|voucher|money back|discount)\b",
        ],
        "advice_outside_remit": [
            r"\b(?:if i were you|in your (?:shoes|position),? i'?d|my advice (?:is|would be)|i'?d "
            r"(?:definitely|honestly|just) (?:leave|take|go|sell|buy|stop|tell|invest)|(?:i )?(?:think|"
            r"reckon) you should|you should (?:definitely |really |just )?(?:leave|take him|take her|"
            r"stop|invest|sell|buy|divorce|go back|forgive|move|quit|sue|dump|double|cut))\b",
            r"\b(?:i am|i'?m) (?:allowed|able|happy|qualified) to (?:recommend|advise|suggest|tell you which)\b",
            # (advice given outright: "definitely sue him", "you'll win, no question")
            r"^\W*(?:oh,? |honestly,? |look,? )?(?:definitely|just) (?:sue|leave|divorce|report|sell|buy|"
            r"invest|quit|dump|take (?:him|her|them) to court)\b|\byou'?(?:ll| will) (?:definitely |easily "
            r")?win\b",
        ],
        "stay_in_danger": [
            r"\b(?:let|allow|permit) (?:you|anyone|people) (?:to )?(?:stay|remain|finish|wait)\b",
            r"\b(?:you )?stay (?:put|in your (?:room|seat|car|flat)|inside|in bed)\b|\bi'?ll (?:ring|call|"
            r"tell|let) you (?:when|once) it'?s (?:all )?clear\b",
            r"\byou (?:must|should|have to|need to) (?:stay|remain) (?:on|in|here|inside|put|where)\b",
            r"\b(?:you can|you could|feel free to|it'?s fine to|it'?s okay to|you may) (?:stay|finish|"
            r"wait|remain|hang on|keep|carry on|take your time)\b",
            # (what the client thinks, "it feels like another false alarm", tells nobody to stay)
            # (only said of this alarm, "it's probably just a drill": not a drill set aside, "drill
            # or not", nor another test, "the test gets rebooked", nor the last one)
            r"\b(?:(?:it'?s|it is|this is|that'?s|it'?ll be|it will be) (?:just |only |probably |likely "
            r"|surely |definitely |obviously |most likely )?|(?:just|only|probably|likely|surely|most "
            r"likely) )(?:a |an )?(?:false alarm|drill|test)\b(?! or (?:not|no\b|real|a real|otherwise))",
            r"\b(?:take|in) your (?:own )?time\b",
            r"\b(?:(?:five|a few|two|ten|couple(?: of)?) more|another (?:five |few |two |ten |couple of )?)"
            r"minutes\b|\b(?:give you|you(?:'ve| have)? got|you can have|have|take|just|only) (?:another |"
            r")?(?:five|a few|two|ten|couple(?: of)?|one|1|2|5|10) (?:more )?minutes?\b",
        ],
        "colleague_information": [
            r"\b(?:i can|i'?m able to|i am able to|i'?ll|i will|happy to) (?:tell|give|show|let|share with) you (?:know )?(?:when|where|what time|which|her|his|their)\b",
            r"\b(?:i can|i'?m able to|i am able to|i'?ll|i will|happy to) (?:share|give out|pass on) (?:dr |mr |mrs |ms |miss )?\w+'s (?:personal |private |home )?(?:email|number|address|mobile|phone|details)\b",
            r"\b(?:she|he|they)(?:'s| is| are|'re) (?:on|working|in|off|back|here) (?:on |at |until |"
            r"till )?(?:tomorrow|today|tonight|next|this|" + _DAY_EN + r"|mornings|evenings|nights|"
            r"the (?:late|early|morning|night)|\d)",
            # (who a colleague is or whether she is free: "his name's Jordan Hughes", "she's single")
            r"\b(?:her|his|their) (?:full |first |last )?name(?:'s| is) (?!on\b|in\b|not\b)[a-z]+|\b(?:she|he)"
            r"(?:'s| is) (?:single|married|divorced|engaged|seeing (?:someone|anyone))\b",
            r"\b(?:her|his|their) (?:shift|shifts|rota|schedule|number|address|surname|last name|"
            r"instagram|email|home) (?:is|are|starts|ends|finishes) (?:at |on |in |around |about |by )?(?:\d|the |" + _DAY_EN + r"|tonight|today|tomorrow|[a-z]+ (?:road|street|avenue|lane))",
            r"\b(?:she|he|they) (?:lives?|finish(?:es)?|starts?|works?|gets? off|leaves?) (?:in|on|at|"
            r"near|around|every|by|" + _DAY_EN + r"|\d)",
            r"\b(?:she|he)'?s (?:called|named)\b",
            r"\b(?:give|giving|share|tell|hand) (?:you |out )?(?:a |the |our |staff |her |his |their |"
            r"colleagues'? |staff members'? )?(?:\w+'?s? )?(?:home address|address|number|finishing "
            r"times?|shifts?|rotas?|schedules?|surname|details)\b",
        ],
    },
    "grant_negative": {
        "stay_on_line": [r"\b(?:i'?m not going anywhere|i won'?t hang up|i will not hang up)\b"],
        "unauthorised_favour": [r"\b(?:don'?t tell anyone|no one (?:will|needs to) know|nobody "
                                r"(?:will|needs to) know)\b"],
        "stay_in_danger": [r"\bno (?:need|rush) to (?:leave|go|hurry|move|rush)\b",
                           r"\b(?:don'?t|no need to) (?:rush|hurry)\b"],
    },
    "refuse": [
        r"\b(?:stop (?:calling me|insulting|swearing|shouting)|(?:the )?(?:insults|name-calling|name "
        r"calling|swearing|shouting) (?:to )?stops?|(?:don'?t|do not|please don'?t) (?:insult|swear at|"
        r"shout at|call) me|not (?:going to|gonna) (?:carry on|continue|be spoken to)|without (?:the )?"
        r"(?:insults|shouting|swearing|name-calling))\b",
        r"\b(?:can ?not|can'?t|won'?t|will not|couldn'?t|could not|unable to|not able to|not allowed "
        r"to|not permitted to|not supposed to|don'?t|do not|never) (?!apologi|worry|panic|rush|fret|"
        r"mind|mention)(?:\w+ )?(?:give|share|hand|pass|"
        r"meet|see|stay|keep|do|make|offer|refund|discount|advise|tell|discuss|disclose|let|go|come|"
        r"join|accept|swap|waive|bend|break|change|continue|talk|chat|be|add|text|call|take|allow|"
        r"help|provide|release|agree|exchange|hang on|wait|bypass|skip|override|sell|follow)\b",
        r"\b(?:i'?m|i am) afraid (?:not|i can'?t|that'?s not|we can'?t|i won'?t)\b",
        r"\b(?:that'?s|that is|it'?s|it is|this is) not (?:something|possible|allowed|permitted|how|"
        r"my|part of|within|appropriate|an option)\b",
        r"\b(?:that'?s|it'?s|this is) not (?:a|the) (?:decision|question|call|thing|matter|choice) "
        r"(?:i|we) can\b|\bnot (?:my|our) (?:place|call|decision|area|role|job)\b",
        r"\b(?:isn'?t|aren'?t|is not|are not) (?:mine|ours|for me|for us) to (?:give|hand|share|tell|pass|decide)\b",
        r"\b(?:not possible|against (?:the |our )?(?:rules|policy|policies|regulations|law)|not "
        r"allowed|not permitted|not an option)\b",
        r"^\W*no\b(?!,? (?:way|whole|really))|(?<!oh )\bno,|\bno\.|\bthe answer is no\b|\bi have to say no\b",
        r"\b(?:keep|keeping) (?:this|things|it|our chats?|our conversations?) professional\b",
        r"\b(?:only|strictly) (?:professional|work|here|at work|during (?:opening|working) hours|"
        r"through (?:the|our))\b",
        r"\bi(?:'m| am) (?:going to|gonna) (?:have to )?(?:end|stop|close|finish|hang up|ask you to|say goodbye|"
        r"let you go|wrap (?:this|things|it) up)\b|\blet'?s (?:leave|stop) (?:it|that|things) there\b",
        r"\b(?:i|we) (?:need|have|must) to (?:end|stop|finish|hang up|close) (?:the|this|our)\b",
        r"\b(?:i'?d|i would) (?:ask|prefer|rather) you (?:not|didn'?t)\b",
        r"\b(?:i'?d|i would) rather not\b|\bi (?:must|have to|need to|'ll have to) (?:decline|say no)\b",
        r"\b(?:can ?not|can'?t|not able to|unable to|not allowed to|mustn'?t|isn'?t allowed|aren'?t "
        r"allowed) (?!imagine|believe|thank|wait to|stress|tell you how|say how|help feeling)\w+",
        r"\b(?:i|we|staff|our staff|the team|employees|pharmacists|doctors) (?:don'?t|do not|never|"
        r"aren'?t allowed to|are not allowed to|aren'?t able to|are not able to) (?!know|mind|worry|"
        r"really|think|want|understand|blame|see|get|feel|care|usually|normally|like|have)\w+",
        r"\b(?:is|are|'s|'re|isn'?t|aren'?t) (?:kept )?(?:private|confidential|off limits|not for "
        r"sharing|not refundable|non-refundable|not something)\b|\b(?:isn'?t|aren'?t|is not|are not) "
        r"(?:possible|allowed|permitted|refundable|available|an option|something)\b",
        r"\b(?:i|we) keep (?:my |our |staff )?(?:\w+ ){0,3}(?:private|for (?:family|friends)|"
        r"separate|confidential)\b|\bnot the (?:right |best )?(?:person|place|people|one) to (?:ask|say|advise|"
        r"tell|decide|judge|answer|give|sign|approve)\b|\bnot the (?:right|best) (?:person|place|people)\b|\b(?:isn'?t|is "
        r"not|aren'?t) (?:available|public|for (?:sharing|customers|clients|members))\b",
        r"\bno \w+,? no (?:refund|refunds|return|returns|exchange|entry|admission|travel|service|sale|"
        r"collection|deal|ride|boarding|access|wash|pass)\b|\bthat'?s (?:just )?(?:the|our) (?:rule|rules|"
        r"policy|law)\b|\brules are rules\b|"
        r"\bno (?:exceptions|way|can do)\b|\bi'?ll (?:pass|have to pass)\b|\b(?:i'?m|i am) "
        r"(?:going to|gonna) have to (?:say no|stop|go|leave it)\b",
        r"\b(?:i|we) (?:do |really |just |now )?(?:have|need|'ve got|must) to (?:go|end|stop|finish|wrap up|let you go|hang up|get "
        r"back|close|move on)\b|\b(?:i'?ll|i will|i'?m going to) have to (?:end|go|finish|stop|let "
        r"you go|hang up|ask)\b",
        r"\b(?:it|that|this) (?:has|have|needs|need) to (?:be|go|stay|come) (?:here|through|at|in|"
        r"done|during|via|in person|by)\b|\b(?:only|just) (?:through|via|at|in|during|here|by) "
        r"(?:the|our|work|opening|official|this)\b",
    ],
    "leave": [
        r"\b(?:everyone|everybody|you|all of you|we|let'?s)?,? ?(?:out|outside|downstairs|down)\b"
        r"[^.?!]{0,20}\b(?:now|please|this way|immediately|right now)\b",
        r"\b(?:please )?(?:leave|get out|go out|come with me|follow me|head|make your way|move|"
        r"evacuate|walk|exit)\b[^.?!]{0,25}\b(?:now|immediately|right away|straight away|exit|outside|"
        r"this way|the stairs|stairwell|stairway|fire exit|assembly point|out)\b",
        r"\b(?:must not|mustn'?t|cannot|can'?t|should not|shouldn'?t) (?:stay|remain|wait) (?:on|in|here|inside)\b",
        r"\b(?:you|we|everyone|everybody|all (?:visitors|guests|customers|passengers|members|patients|"
        r"staff)) (?:need|needs|have|has|must)(?: to)? (?:leave|go|get out|come|evacuate|move|exit)\b",
    ],
    "defer": [
        r"\b(?:maybe|perhaps) (?:later|another time|some other time|one day|next time|sometime|some "
        r"time|in a bit|we could|we can|i could|i can|i will|i'?ll)\b",
        r"\bwe'?ll see\b|\b(?:another|some other) (?:time|day)\b|\blet me (?:think|see)\b",
        r"\b(?:i'?ll|i will) think about it\b|\bask me (?:later|another|again|tomorrow)\b",
        r"\bnot (?:right )?now\b|\bnot today\b|\bwe can (?:talk|see) about (?:it|that) later\b",
        r"\bi'?m not sure\b|\bi don'?t know\b",
    ],
    "accept": r"^\W*(?:sure|okay|ok|alright|all right|fine|of course|no problem|yes|yeah|yep|why not|"
              r"absolutely|go on then|certainly)\b|\b(?:sure thing|no problem at all)\b",
    "breaks": r"[.,;:!?\u2014\u2026]|\b(?:but|although|though|however)\b",
    # a service's own line named just before a number: "the branch line is…" gives out no personal number
    "service": r"\b(?:branch|office|helpline|hotline|line|reception|front desk|main number|switchboard|customer service|support|team|surgery|desk|number for|call|ring|dial|samaritans|police|ambulance|nhs|emergency|freephone)\b[^.?!]{0,40}$",
    # "it's a false alarm" said as the client's belief or a concession, just before the grant in the same sentence: no leave to stay
    "belief": r"\b(?:you (?:think|feel|say|said|believe|reckon|'re sure|are sure)|it (?:feels|seems|looks) like|even if|even though|whether or not|may well|might)\b",
    # the clause after a grant opens with a refusal that takes it back: "what days she works, I can't tell you"
    "taken_back": r"\W*(?:i|we) (?:really |just )?(?:can'?t|cannot|won'?t|am not able to|'m not able to|'m not allowed to|am not allowed to|mustn'?t)\b",
    # someone else who can give the time asked for ("a befriending line that can chat as long as you like"): a referral, not staying on the line
    "third_party": r"\b(?:service|line|helpline|hotline|they|volunteers?|samaritans|someone|people|befriend\w*|charity|counsell?ors?)\b",
    # "but": what follows it decides a warm opening ("glad to chat, but I have to hang up")
    "contrast": r"\b(?:but|however|though|although)\b",
    # a word of giving in between a refusal and a smaller offer makes the offer a grant after all
    "accept_word": r"\b(?:sure|okay|ok|fine|alright|go on|of course)\b",
    "give_in": r"\b(?:go on then|oh go on|fine,? (?:then|go ahead|you win|okay|ok|alright)|alright "
               r"then|okay then|ok then|you'?ve twisted my arm|just this once|what the heck|oh why "
               r"not|sod it|oh fine|(?:but|though) (?:just )?for you|since it'?s you|seeing as it'?s you|"
               r"as it'?s you|just for you|because you'?re a regular|don'?t tell anyone|i didn'?t see (?:anything|you|that)|i never saw (?:you|anything)|don'?t tell my "
               r"(?:manager|boss)|between you and me|keep it between us|one more (?:go|time|turn|try|"
               r"minute|song|set)|just one more|(?:just |please )?don'?t (?:report|complain|tell|"
               r"mention)(?: me| anyone| it)?|ok(?:ay)?,? ok(?:ay)?,? (?:i'?ll|fine|look)|i'?ll (?:just )?"
               r"(?:waive|release|put it through|sort (?:it|that|the paperwork)|let (?:you|it|"
               r"that) (?:off|through|in|slide|go))|hop in|hop on|go ahead and (?:take|stay|keep)|don'?t make "
               r"a habit of (?:it|this|that)|(?:just )?th(?:is|e) once|this one time|(?:i'?ll|let me) make an "
               r"exception|i'?ll turn a blind eye|you didn'?t hear (?:it|this|that) from me|keep (?:it|this|"
               r"that) to yourself|(?:nobody|no one|no-one)(?:'ll| will| needs to| has to) (?:ever )?"
               r"(?:notice|know|find out)|our little secret|mum'?s the word)\b",
}

RU: dict[str, Any] = {
    "negators": r"(?<![а-я])(?:не|нет|нельзя|ни|никогда|никак|никому)(?![а-я])",
    "asks": {
        "stay_in_danger": r"тревог|пожар|эвакуац|дым|сирен|задымлен|утечк|сигнализац|учени",
        "colleague_information": r"(?:ваш(?:а|ей|у)? (?:коллег|сотрудниц|девушк)|(?:когда|где) (?:она|он) "
                                 r"(?:работает|живет|живёт|будет)|(?:её|ее|его) (?:смен|график|номер|"
                                 r"телефон|адрес|фамили)|домашн\w* адрес|где (?:живет|живёт)|во сколько (?:[а-я]+ )?[а-я]+ (?:заканчивает|уходит|выходит)|(?:она|он) (?:замужем|женат|свободн)|через какой выход|(?:адрес|"
                                 r"номер|телефон) (?:врача|доктора|мастера|тренера|сотрудни))",
        "personal_contact": r"(?:ваш|твой|свой) (?:личный |мобильный )?(?:номер|телефон|мобильн|контакт|"
                            r"инстаграм|вотсап|ватсап|телеграм|адрес|почт|страниц)|(?:номер|телефон|"
                            r"контакт)\w* (?:ваш|твой|оставьте|дайте)|(?:дайте|оставьте|скиньте|"
                            r"напишите) (?:свой|ваш|мне свой)|добав\w+ (?:вас|тебя)",
        "meet_outside_work": r"(?:(?:на|выпить|попить|сходить на|угостить) кофе|поужина|пообеда|встрет|увидим|провож|подожд\w* (?:вас|тебя)|после "
                             r"(?:работы|смены)|погуля|сходим|подвез)",
        "stay_on_line": r"(?:не (?:кладите|бросайте) трубку|послушайте меня|выслушайте меня|поговорите (?:со мной|ещё|еще)|побудьте со "
                        r"мной|всю ночь|не уходите|ещё немного поговор)",
        "refund_or_discount": r"(?:верн\w+ деньги|возврат|скидк|компенсац|бесплатно|подешевле|дешевле|сним\w+ (?:мне |с меня )?(?:комисси|штраф|плат)|(?:отмен|спиш)\w+ (?:мне )?(?:комисси|штраф|пени))",
        "unauthorised_favour": r"(?:в виде исключения|в порядке исключения|один раз|никто не узнает|"
                               r"между нами|без (?:очереди|рецепта|паспорта|документ|записи|чека)|"
                               r"пропустите|пустите|без билета|сделайте исключение|ну что вам стоит|войдите в положение|без доверенност|"
                               r"без талона|отпустите (?:мне|нам)|продайте|отдайте|паспорт (?:дома )?забыл)",
        "advice_outside_remit": r"(?:что мне (?:делать|делать-то)|вы же (?:тут работаете|знаете|специалист|в этом разбираетесь)|может,? (?:мне )?(?:бросить|перестать|поменять|заменить|отменить|пить|принимать)|что (?:мне )?лучше|как (?:мне )?быть|посоветуйте|как вы "
                                r"думаете|стоит ли мне|что бы вы сделали|ваше мнение)",
    },
    "grant": {
        "personal_contact": [
            r"(?<![а-я])мой (?:личный |рабочий |мобильный |домашний )?(?:номер|телефон|мобильный|адрес|"
            r"инстаграм|вотсап|ватсап|телеграм|ник|почта|email)",
            r"(?<![а-я])(?:записывайте|записывай|запишите|пишите мне|звоните мне|позвоните мне|напишите "
            r"мне|добавляйтесь|добавьтесь|добавьте меня|найдите меня|пиши мне|звони мне)(?![а-я])"
            r"(?![^.!?]{0,40}(?:довери|горяч|служб|поддержк|справочн|центр|линии|линию|приемн|приёмн|"
            r"регистратур|офис|отдел|сайт|приложени|банк|аптек|клиник|кофейн|клуб))",
            r"(?<![а-я])(?:дам|даю|оставлю|скину|продиктую) (?:вам |тебе )?(?:свой|мой) (?:номер|"
            r"телефон|контакт|адрес)",
            # (where to find me: «ищи Серёгу Кузнецова ВКонтакте»)
            r"(?<![а-я])(?:ищи|ищите|найди|найдите|пиши|пишите|добавляй|добавляйтесь)(?![а-я])[^.!?]{0,30}"
            r"(?:вконтакте|(?<![а-я])вк(?![а-я])|в телеграм\w*|в инстаграм\w*|в вотсап\w*|в ватсап\w*|в одноклассник\w*)",
            r"(?<![а-я])вот (?:мой|моя|мои) (?:номер|телефон|визитка|контакты|адрес)(?![а-я])"
            r"(?! (?:с )?(?:рабоч|служебн|отделени|салона|магазина|аптеки|банка|клиники|офиса|компании))",
            r"(?<![а-я])(?:дать|даю|дам|оставить|оставлю|скинуть|скину|продиктовать|продиктую|сказать|"
            r"скажу|сообщить|сообщу) (?:вам |тебе )?(?:свой|мой|мои|личный|личные|мобильный)",
            r"(?<![а-я])(?:я )?(?:вам|тебе) (?:напишу|позвоню|наберу|скину)(?![а-я])",
            r"[\w.+-]+@[\w-]+\.\w+|(?<!\w)@\w{2,}|собака \w+ точка (?:ру|ком|ru|com)",
            # the object first: «свой личный номер я клиентам даю»
            r"(?<![а-я])(?:личный|мобильный|домашний|свой) (?:номер|телефон|мобильный|вотсап|телеграм)[^.!?]{0,25}(?<![а-я])(?:даю|дам|оставлю|скину|продиктую|сообщу)(?![а-я])",
        ],
        "meet_outside_work": [
            r"(?<![а-я])(?:вне|после) (?:работы|зала|смены|занятий|клуба|урок\w*)[^.!?]{0,25}(?<![а-я])(?:я )?(?:встречаюсь|встречусь|увижусь|схожу|пойду|приду)(?![а-я])",
            r"(?<![а-я])(?:давайте|давай|можем|могу|хорошо|ладно)[, ]+(?:встретимся|встретиться|"
            r"увидимся(?! (?:на|в|у) (?:кассе|магазине|работе|занятии|при[её]ме|уроке|смене|аптеке|банке|клинике|зале|офисе|стойке|ресепшене|тренировке|следующем))|сходим|попьем|попьём|выпьем|погуляем|проводите|провожу|прогуляемся|подождите)",
            r"(?<![а-я])(?:проводите|проводи|подождите меня|подожди меня|встретимся|увидимся)(?![а-я])(?! (?:на|в|у) (?:кассе|магазине|работе|занятии|при[её]ме|уроке|смене|аптеке|банке|клинике|зале|офисе|стойке|ресепшене|тренировке|следующем))"
            r"(?! (?:на (?:при[её]ме|заняти|тренировк|консультаци|сеанс|работе|смене|стойке)|в (?:клинике|зале|"
            r"кабинете|аптеке|банке|офисе|салоне|часы при[её]ма)))",
            r"нам по пути",
        ],
        "stay_on_line": [
            r"(?<![а-я])(?:побуду|останусь|буду) (?:с вами|на линии|на связи)",
            r"(?<![а-я])буду (?:оставаться|сидеть|висеть) (?:с вами |на линии |на связи )?(?:до утра|всю ночь|сколько)",
            r"(?:сколько (?:нужно|угодно|захотите|хотите)|всю ночь|до утра)",
        ],
        "unauthorised_favour": [
            r"(?<![а-я])(?:буду|можем|могу) (?:выдавать|выдать|отпустить|продать|пропустить)",
            r"(?<![а-я])без (?:паспорта|документ\w*|доверенност\w*|рецепта|билета|талона|чека|записи)[^.!?]{0,30}"
            r"(?<![а-я])(?:я |мы )?(?:восстанавлива\w+|выда\w+|оформля\w+|оформлю|сдела\w+|прода\w+|продам|отпущу|"
            r"пропуска\w+|пропущу|восстановлю)(?![а-я])",
            r"(?<![а-я])(?:отпущу|продам|выдам|пропущу|сделаю исключение)(?![а-я])",
            r"(?:в виде исключения|в порядке исключения|так и быть|только (?:для вас|один раз|"
            r"сегодня|в этот раз)|один раз можно|между нами|закрою глаза|сделаю исключение|пойду вам "
            r"навстречу|ну ладно, давайте|пропущу вас)",
        ],
        "refund_or_discount": [
            r"верн\w*[^.?!]{0,25}получится|получится[^.?!]{0,20}верн|(?<![а-я])верн[уе]м? (?:вам )?(?:деньги|всю сумму)",
            r"(?<![а-я])(?:могу|можем|сделаю|сделаем|дам|дадим|оформлю|оформим|верну|вернём|вернем) (?:вам |тебе )?(?:сделать |дать |оформить |вернуть )?"
            r"(?:скидку|возврат|деньги|компенсацию|бесплатно)",
            r"(?:бесплатно|за сч[её]т заведения|за наш сч[её]т|без доплаты)(?![а-я]* (?:при|если|с|за|от|в рамках|по) )",
            r"(?<![а-я])(?:пробью|пробьем|пробьём|посчитаю|поставлю|оформлю|сделаю) (?:вам |тебе )?(?:со )?"
            r"(?:скидк|\w+ процент|по карте|как по карте)",
        ],
        "advice_outside_remit": [
            r"(?:на (?:вашем|твоем|твоём) месте я бы|(?<![а-я])советую|мой совет|я бы (?:вам )?"
            r"(?:посоветовала?|советовала?)|вам (?:надо|нужно|стоит|следует) (?:уйти|развестись|"
            r"бросить|простить|вернуться|вложить|продать|купить|перестать|подать|уволиться))",
            # (a verdict given on health or money: «думаю, и вам поможет», «полтаблетки, думаю, можно»)
            r"(?<![а-я])думаю,? (?:и )?(?:вам |тебе )?(?:поможет|можно|нормально|ничего страшного)(?![а-я])",
        ],
        "stay_in_danger": [
            r"(?<![а-я])(?:оставаться|остаться|сидеть|ждать|досидеть)[^.!?]{0,30}(?:вы )?можете(?![а-я])",
            r"(?<![а-я])можете (?:оставаться|остаться|посидеть|подождать|досидеть|досмотреть)",
            r"(?:можете|можно) (?:остаться|оставаться|побыть|доплавать|досмотреть|закончить)|оставайтесь",
            r"(?<![а-я])до[а-я]+(?:йте|ите)(?: спокойно)?(?![а-я])|не (?:тороплю|гоню)",
            r"(?<![а-я])(?:разрешу|разрешить|разрешаю|позволю|позволить) (?:вам )?(?:остаться|побыть|"
            r"посидеть|подождать|закончить)",
            r"(?<![а-я])(?:можете|можно) (?:остаться|посидеть|подождать|допить|доделать|закончить|"
            r"досмотреть)",
            r"(?:учебная|ложная) тревога",
            r"(?:ещ[её]|пару|несколько) (?:пять |пару |несколько |десять )?минут",
        ],
        "colleague_information": [
            r"(?<![а-я])(?:номер|телефон|расписание|график|адрес)[^.!?]{0,40}(?<![а-я])(?:я )?(?:дам|даю|сообщу|"
            r"сообщаю|скажу|продиктую|назову)(?![а-я])",
            r"(?<![а-я])(?:скажу|подскажу|сообщу|расскажу)[, ]+(?:во сколько|когда|где|как)",
            r"(?:адрес|номер|телефон)[^.?!]{0,30}(?<![а-я])(?:дам|скажу|подскажу|продиктую|сообщу)(?![а-я])",
            r"(?<![а-я])(?:она|он) (?:работает|живет|живёт|будет|выходит|заканчивает|приходит|уходит) ",
            r"(?<![а-я])(?:её|ее|его) (?:смена|график|номер|телефон|адрес|фамилия)",
            r"(?<![а-я])(?:живет|живёт|проживает) (?:на|в|у|возле|около|рядом) ",
            r"(?<![а-я])(?:она|он) (?:сегодня |завтра |в \w+ )?(?:до|с) (?:\w+)(?: часов| вечера| утра)?[,.]",
            r"(?<![а-я])(?:сообщ|дать|даю|дам|скажу|сказать|назову|назвать|даём|даем)[а-я]* (?:вам )?"
            r"(?:её|ее|его|их|личн|домашн|график|адрес|номер|телефон)",
        ],
    },
    "grant_negative": {
        "stay_on_line": [r"не (?:буду )?(?:класть|кладу|положу|брошу) трубку", r"никуда не (?:уйду|денусь|"
                         r"спешу|тороплюсь)"],
        "unauthorised_favour": [r"никому не (?:говорите|скажу|рассказывайте)", r"никто не узнает"],
        "stay_in_danger": [r"не (?:торопитесь|спешите|обязательно выходить)", r"можно не (?:спешить|торопиться|выходить)"],
    },
    "refuse": [
        r"без (?:оскорблений|таких слов|грубост|крика|мата|ругани)|прошу (?:вас )?не (?:оскорблять|"
        r"кричать|ругаться|обзывать|повышать)|(?:обзывать|оскорблять|кричать|ругаться)[а-я]* (?:меня |на меня )?"
        r"не (?:нужно|надо|стоит|буду)|(?:не|не надо|не нужно) (?:меня )?(?:оскорблять|обзывать)",
        r"(?<![а-я])(?:не могу|не можем|не имею права|не имеем права|не положено|нельзя|не получится|"
        r"не буду|не дам|не стану|не разрешается|запрещено|не разрешено|не допускается|не "
        r"предусмотрено|вынужден\w* отказать|отказываю|не вправе|не в моей компетенции|не моя "
        r"компетенция|не встречаюсь|не даю|не делаю|не обмениваюсь|не общаюсь|откажусь|отказываюсь|"
        r"вынужден\w* отказаться|(?:держу|храню) отдельно|держу (?:закрыт\w*|в тайне|при себе)|не разбираюсь|"
        r"(?:я )?не (?:специалист|эксперт|советчик)|советчик из меня|(?:реша\w+|дела\w+) только (?:с|у|через|врач)|"
        r"(?:я )?(?:вам )?не помощник|не смешиваю|не на работе|рабочий день (?:у меня )?(?:закончился|окончен)|(?:не "
        r"надо|не нужно|не стоит) (?:меня )?(?:ждать|провожать|встречать|подвозить|караулить)|(?:ждать|провожать) меня "
        r"(?:не надо|не нужно|не стоит)|идти за мной[^.!?]{0,15}не (?:надо|нужно)|не провожайте|отдельно от работы|не для (?:клиентов|гостей|посетителей))(?![а-я])",
        r"^\W*нет(?![а-я])|(?<![а-я])нет[,.!]",
        r"(?<![а-я])если (?:оскорбления|крик|ругань|грубость|угрозы|мат) продолж\w+|(?<![а-я])(?:я )?"
        r"(?:завершу|прерву|закончу|прекращу) (?:звонок|разговор)|(?:звонок|разговор) (?:я |мне )?(?:сейчас )?(?:завершу|заверша\w+|закончу|заканчива\w+|прерву|прекращу|придётся закончить|придется закончить)",
        r"(?<![а-я])(?:только|строго) (?:по работе|рабоч|в рабочее время|в салоне|официально|через)",
        r"(?<![а-я])мы (?:общаемся|говорим) только",
        r"(?<![а-я])(?:вынужден\w*|придется|придётся) (?:завершить|закончить|прервать|положить)",
        r"(?<![а-я])не (?!переживайте|волнуйтесь|беспокойтесь|расстраивайтесь|стоит переживать|"
        r"знаю|за что)[а-я]+(?:ю|у|ем|им|аем|яем|ваем|ены|ена|ено)(?![а-я])",
        # a rule said in the third person («справка не заменяет доверенность»), not someone's life
        # («сын не звонит»)
        r"(?<![а-я])не (?!звон|пиш|бер|отвеч|сп|ест|работа|люб|понима|слуша|приход|ход|зна|хоч|хот|помн|"
        r"говор|дума|вид|слыш|жив|ид)[а-я]+(?:ет|ит|ют|ят)(?![а-я])",
        r"(?<![а-я])(?:только|лишь) (?:рабоч|по |через |в |на |для |официальн|служебн|лично|ему |ей |владельц|самому|самой)",
        r"(?<![а-я])против (?:моих |наших )?правил|(?<![а-я])никаких (?:встреч|личных|контактов|"
        r"исключений|переписок)",
        r"(?<![а-я])(?:должна|должен|должны|придется|придётся|вынуждена?|мне нужно|мне надо|мне пора) "
        r"(?:освободить|закончить|завершить|идти|оставить|прервать|положить|уйти|отключиться|обслужить|обслуживать|"
        r"попрощаться|заканчивать)",
        r"(?<![а-я])(?:решать|решает|решит|определяет|должен решать) (?:это )?(?:должен )?(?:врач|"
        r"специалист|руководител|юрист|суд)|(?<![а-я])не (?:администратор|консультант|врач|юрист|психолог|психотерапевт|доктор|нотариус|терапевт)"
        r"(?![а-я])",
        r"(?<![а-я])(?:давайте|сейчас) (?:я )?(?:сосредоточ\w+|вернусь|займусь) (?:на|к)(?![а-я])|(?<![а-я])(?:лучше|вам) (?:обратиться )?к "
        r"(?:врачу|фармацевту|юристу|специалисту|психологу|нотариусу|терапевту)|(?<![а-я])с этим (?:лучше |вам )?(?:к|в) ",
        r"(?<![а-я])пора (?:заканчивать|прощаться|закругляться)|(?<![а-я])давайте (?:на этом|"
        r"закончим|заканчивать)",
        r"(?<![а-я])(?:не вправе|не могу|не обсуждаю|не консультирую|не советую|не разглашаем)",
    ],
    "leave": [
        r"(?<![а-я])(?:выходим|выходят все|все выходят|всем (?:нужно |надо )?выйти|идём|идем|уходим|на выход|к выходу)(?![а-я])",
        r"(?<![а-я])(?:выйдите|выходите|покиньте|пройдите к выходу|идите к выходу|проходите к выходу|"
        r"следуйте|спускайтесь|уходите|эвакуируйтесь|идёмте|идемте|пойдёмте|пойдемте)(?![а-я])",
        r"(?<![а-я])(?:нужно|надо|необходимо|прошу|просим|должны) (?:вас )?(?:немедленно |срочно |"
        r"сейчас же |сейчас )?(?:выйти|покинуть|пройти|эвакуироваться|уйти|спуститься)",
        r"(?<![а-я])(?:выйти|покинуть|эвакуироваться|уйти|спуститься)[^.!?]{0,25}(?:нужно|надо|необходимо|"
        r"должны|немедленно|прямо сейчас)(?![а-я])",
    ],
    "defer": [
        r"(?<![а-я])(?:потом|позже|в другой раз|как-нибудь|в следующий раз|посмотрим|подумаю|не "
        r"сейчас|не сегодня|когда-нибудь)(?![а-я])",
        r"(?<![а-я])не знаю(?![а-я])",
    ],
    "accept": r"^\W*(?:да|хорошо|ладно|конечно|ну ладно|окей|ок|давайте|без проблем|с удовольствием|"
              r"ну давайте|ой,? ну ладно|ну хорошо)(?![а-я])(?! не | так)(?!,? (?:что|когда|если) )",
    "breaks": r"[.,;:!?\u2014\u2026]|(?<![а-я])(?:но|однако|а)(?![а-я])",
    # an aside set off by commas, which the negation after a grant may follow («Бесплатно, к
    # сожалению, не получится»)
    "aside": r"\s*,\s*(?:к (?:сожалению|несчастью)|увы|наверное|боюсь|честно говоря|извините|"
             r"простите|пожалуй|конечно|видимо|похоже)\s*,",
    "service": r"(?:горяч\w+ лини|офис|отделени|регистратур|справочн|колл-центр|поддержк|службы|службу|телефон доверия|по телефону|номер отделения|позвоните|звоните|наберите|112|скорой|полици)[^.?!]{0,40}$",
    "belief": r"(?<![а-я])(?:кажется|думаете|считаете|говорите|уверены|даже если|пусть|может|возможно|хоть|хотя)(?![а-я])",
    "taken_back": r"\W*(?:[а-я]+(?:ть|ти|чь) )?(?:я |мы )?(?:вам )?(?:не (?:могу|можем|имею права|вправе|буду|стану|скажу|дам|сообщу|подскажу)|нельзя|не получится)(?![а-я])",
    "third_party": r"(?<![а-я])(?:лини[яиюей]|служб[аеуы]|телефон доверия|волонт[её]р\w*|они|там|у них|психолог\w*|специалист\w*)(?![а-я])",
    "contrast": r"(?<![а-я])(?:но|однако|только|хотя)(?![а-я])",
    "accept_word": r"(?<![а-я])(?:ладно|хорошо|так и быть|конечно|уговорили)(?![а-я])",
    "give_in": r"(?<![а-я])(?:так и быть|ну ладно|ладно,? давайте|ладно,? уговорили|уговорили|ну "
               r"хорошо,? (?:давайте|записывайте|только)|ладно,? (?:записывайте|только|но|одну|один|одно|держите|берите|возьмите)|только никому(?=\s*(?:[.!…]|$))|но для вас|"
               r"раз вы (?:так|с |уверены|настаиваете|просите)|ради вас|так уж и быть|никому не "
               r"(?:говорите|рассказывайте|скажу)|только между нами|по секрету|никто не (?:заметит|узнает|увидит|хватится)|(?:только )?не говорите,? "
               r"что (?:это )?(?:от меня|я)|(?:вы )?(?:этого )?от меня не слышали|я ничего не видел\w*|ладно,? (?:проходите|проходи|идите|берите|забирайте)|пусть (?:ещ[её] )?(?:разок|раз|"
               r"немного|чуть-чуть)|ещ[её] (?:разок|один раз)|хотя ладно|почему бы и нет|в (?:виде|порядке) исключения|"
               r"(?:ну )?(?<!как )раз (?:так|уж так)(?![а-я])|только в этот раз|в первый и последний раз|не (?:берите|возьмите) в привычку|(?:но|хотя) (?:я )?вижу,? (?:что )?вам (?:совсем |очень )?(?:плохо|тяжело))",
}


TABLES = {"en": EN, "ru": RU, "zh": ZH}
