"""Checks that keep a score honest whatever words a reply piles up: a mocking frame around
sympathy words, insults, one word said over and over, and stock phrases that answer nothing.

The function words are the ones no learned weight may sit on: a pronoun or a filler says
nothing about empathy, and a weight on it is a weight a trainee can farm ("i i i i").
"""

from __future__ import annotations

import re
from functools import lru_cache

from simulator.scoring.alternation import join

FUNCTION_WORDS = {
    "en": "i me my mine myself you your yours yourself we us our he him his she her they them "
          "their it its this that these those a an the and or but if so to of in on at by for "
          "with from as is am are was were be been being do does did have has had will would "
          "shall should can could may might must not no yes um uh erm er ah hmm mm oh like "
          "just well really very quite there here what which who whom whose then than too also "
          "okay ok right yeah out up today tonight now every everyone everything always",
    "ru": "я меня мне мной мой моя моё мое мои ты тебя тебе твой вы вас вам вами ваш ваша ваше "
          "ваши мы нас нам наш он его ему она её ее ей они их им оно это этот эта эти тот та то "
          "те и а но или что как так же ну вот э эм ага да нет не ни в во на с со у к ко по за "
          "из от до о об при для бы ли уж вообще типа короче как бы это самое просто чтобы чтоб "
          "был была были быть будет будем очень сегодня сейчас каждый каждого каждому каждая "
          "каждую все всё всех всем всегда",
    "zh": "我 你 您 他 她 它 们 的 了 着 过 是 在 和 与 也 都 就 还 吗 吧 呢 啊 呀 嗯 哦 哎 那 这 个 "
          "一 有 没 把 被 给 对 从 向 很 太 又 再 才 只 而 且 然 后 那个 就是 然后",
}

# The vocabulary of stock service phrases ("I hear you, your feelings are valid"): a reply made
# of little else answers nobody in particular.
STOCK = {
    "en": "hear heard feel feeling feelings valid validate understand understood appreciate "
          "appreciated thank thanks sharing share honesty honest boundaries boundary clear "
          "transparent transparency matter matters important concern concerns trust trusting "
          "patience value valued acknowledge space respect journey support supported safe "
          "priority sorry want know glad open communication position let be "
          # a service's boilerplate about itself
          "work working committed commitment customer customers business choosing heart "
          "everything partnership families experience service quality best hesitate touch "
          "dedicated strive always community satisfaction feedback team great question engaged "
          "mission proud welcome",
    "ru": "слышу слышать услышан услышать чувства чувство важно важны важен ценно ценна ценен "
          "спасибо поделились поделиться границы границ обозначим обозначить конструктивном "
          "конструктивно понимаю принимаю мнение уважаю уважение доверие ясность прозрачность "
          "продолжим давайте каждый каждого поддержка благодарю открытость ключе пауза паузу "
          "ситуация ситуацию стороны переживания нормальны нормально обратную связь эмоции "
          "проясним проговорим чувствуете открытый диалог основа доверия момент действительно "
          "абсолютно слышим понимание "
          "дорожим доверием семья дружная вопрос открыты диалогу клиент клиентов сервис "
          "качество стремимся всегда команда опыт рады ценим заботимся работаем",
    "zh": "理解您的感受|您的感受|感受|非常重要|很重要|重要|听到了|听到|您的声音|声音|感谢您的分享|感谢|分享|"
          "明确一下|明确|界限|边界|保持良好的沟通|良好|沟通|我们一起|一起|谢谢您的信任|信任|尊重|"
          "您的想法|想法|我能理解|我明白|我懂|对我们来说|非常|支持|接纳|认可|有效|"
          "服务理念|理念|非常重视|重视|一直以来|继续努力|努力|生活愉快|万事顺心|配合|更好的|"
          "优质|服务|体验|始终|致力于|宗旨|满意",
}

_SARCASM = {
    "en": [
        r"\bhow(?:ever)? did you (?:survive|cope|manage)\b|\btragic ordeal\b|\bwhat a tragedy\b|"
        r"\b(?:i'?m|i am) sure (?:she|he|they)(?:'s| is| are|'re)? (?:just )?dying (?:to|for)\b|"
        r"\bso touching,? really\b|\bmy heart bleeds\b|\bcry me a river\b",
        r"\b(?:let me|i'?ll) just [^.?!]{3,60}, shall i\b|\b(?:the )?(?:very )?first (?:person|one|"
        r"customer|man|woman) ever\b|\b(?:clearly|obviously) (?:we'?re|we are) (?:soulmates|meant to be|"
        r"made for each other)\b|\b(?:let|tell|ring|call) the (?:national )?(?:news|papers|"
        r"press|media)\b|\balert the media\b|\bstop the press(?:es)?\b|\bnaturally,? i'?ll\b|\bwhat an honou?r\b",
        r"\bpoor (?:you|baby|diddums|little (?:you|me|lamb))\b",
        r"\b(?:must be|it must be|must be so|must be sooo*) (?:so |sooo* )?(?:hard|tough|awful|terrible) "
        r"(?:being|to be) you\b",
        r"\b(?:oh|wow|aw+)[,!.]* (?:i'?m |we'?re )?(?:so+|really|terribly) sorry (?:your|that your|for "
        r"your|you)\b[^.?!]*(?:tragedy|tragic|terrible life|hard life|so hard|drama|boo)",
        r"\b(?:boo[ -]?hoo|cry me a river|my heart bleeds|how (?:tragic|terrible) for you|such a "
        r"tragedy|the world'?s smallest violin|diddums|bless your heart|welcome to (?:the )?real "
        r"world|join the club|get in line|aren'?t you special|you poor soul)\b",
        r"\bsooo+\b|\b(?:oh )?(?:how|what) awful for you\b|\bso hard for you,? isn'?t it\b",
        r"\b(?:yeah|oh) right\b|\bwhatever you say\b|\bsure you (?:are|do|did)\b",
        r"\bhow (?:will|would|have|did|do|can|could) you (?:ever |possibly |even )?(?:cope|survive|"
        r"manage|go on|bear it|live)\b",
        r"\b(?:sounds|must be|is|life'?s|it'?s) (?:just |so |sooo+ |truly )?(?:awful|hard|terrible|"
        r"brutal|tough|unbearable|tragic) for you\b[^.?!]*\b(?:isn'?t it|aren'?t you|eh|huh)\b|"
        r"\bjust awful for you\b|\bbrutal for you\b",
        r"\b(?:goodness|gosh|my my|dear me|oh dear)[,!.]* (?:how|what|a whole)\b",
        r"\b(?:aww*|oh+|wow)[,!.]* [^.?!]{0,40}\bhow (?:will|would|did|have|do) you\b",
        r"\b(?:great|greatest|biggest|real) tragedy\b|\btragedy of your life\b",
        r"\b(?:the )?only (?:one|person|customer|man|woman|people) (?:\w+ ){0,6}(?:who'?s|who has|who"
        r" have|that'?s|to have) ever\b|\bif it(?: isn'?t|'s not| is not) too much for (?:you|your)\b|"
        r"\byour poor (?:little )?(?:heart|feelings|soul)\b|^\W*bless you\b",
        # (mock superlatives and honours: "the only parent in history", "shall we give you a medal")
        r"\b(?:only|first|last) (?:\w+ ){0,2}(?:in history|in the (?:world|universe)|on (?:earth|the "
        r"planet))\b|\b(?:give|get|award) you a (?:medal|trophy|prize)\b|\bwhat an? (?:\w+ )?(?:honou?r|"
        r"privilege)\b|\b(?:you'?re|you are) the only one who (?:matters|counts)\b|\bnothing but time "
        r"for you\b|\bclearly you'?re the\b|\bclear my (?:whole|entire) (?:day|evening|diary)\b",
        r"\baw+,? bless (?:you|him|her)\b|\bi'?d just love to\b|\b(?:exactly|just) what (?:the \w+ |"
        r"they |my boss |head office )?pays? me (?:for|to)\b|\bshall i (?:\w+ ){1,5}(?:as well|too)\?|"
        r"\b(?:do you|would you) want me to (?:\w+ ){1,5}(?:as well|too)\?",
    ],
    "ru": [
        r"сердце (?:разрывается|кровью обливается)|(?:роман|драма|событие|история) века|только об "
        r"этом и мечтал|(?:как|это так|так) трогательно|прямо (?:вас |тебя )?жалко|может,? мне ещ[её] "
        r"|конечно-конечно|единственн(?:ая|ый|ые) (?:[а-я]+ ){0,3}у кого",
        r"(?<![а-я])бедн\w+ вы,? бедн|как же вы (?:это )?(?:пережив[её]те|выжили)|(?<![а-я])сердце "
        r"кровью обливается|какая драма|роман в (?:тр[её]х|двух|пяти) томах|(?:мне )?(?:ж|же) "
        r"больше (?:заняться|делать) нечем|(?<![а-я])ну конечно,? (?:сейчас|прямо|бегу)|какая честь",
        r"бедненьк|бедняжк|бедняжечк|несчастненьк|ой,? как(?:ая)? же (?:вам|тебе) тяжело(?: живётся| живется)?",
        r"ну конечно,? (?:вы|ты)|самый несчастный|самая несчастная|какая трагедия|трагедия века|"
        r"сейчас (?:заплачу|расплачусь)|ах,? какие мы|обиженк|как же вы (?:настрадались|бедная|бедный)",
        r"(?:вы|ты) у нас (?:самый|самая|такой|такая)|ой,? да ладно|плакать хочется от жалости",
        r"может,? (?:вам|тебе) ещ[её]|ну надо же|сердце кровью обливается|ну конечно,? я (?:же|ведь)|"
        r"главн\w+ \w+ страны|гениальн\w+ (?:план|идея|мысль)|прямо восхищаюсь|все же знают,? что",
    ],
    "zh": [
        r"天都要塌了|真是太同情|我(?:好|真|可)荣幸|双手奉上|您可真能(?:想|说)|好大一笔钱呢|这么大一笔钱呢|您可真够惨啊|可怜的(?:您|你)",
        r"真是太委屈(?:您|你)了|(?:您|你)可真不容易|感天动地|多辛苦啊|好辛苦哦|(?:您|你)可真(?:辛苦|会)|全世界就(?:您|你)最惨|(?:您|你)最(?:惨|可怜)|"
        r"哎哟[，,]?(?:好|真|太)?可怜|好可怜哦|真是辛苦(?:您|你)了啊|(?:您|你)可真(?:惨|委屈)|"
        r"就(?:您|你)事(?:儿)?多|委屈死(?:您|你)了|哭给谁看|玻璃心|天大的委屈|心疼死了|锦旗|表彰(?:您|你)|"
        r"全.{1,3}就(?:您|你)最|就(?:您|你)最(?:不容易|惨|可怜|辛苦|委屈)|真是太辛苦(?:您|你)了[，,].{0,8}最",
        r"感动死(?:我|人)了|全(?:宇宙|世界|天下)最|(?:想得|考虑得)(?:这么|真)周到呢|"
        r"好多好多|[“\"]一定[”\"]|(?:您|你)可真(?:是)?(?:太)?(?:厉害|了不起|伟大)",
        r"全世界就(?:您|你)的.{1,6}(?:宝贵|重要|金贵)|当(?:我们|我).{1,10}是(?:您|你)家|(?:您|你)可真是|好感动哦|要不要我(?:把|再|也|顺便).{0,14}(?:也|一起|顺便).{0,8}(?:呀|啊|吗)[？?]",
    ],
}
_INSULT = {
    "en": [
        r"\b(?:idiot|stupid|moron|pathetic|ridiculous person|get a life|shut up|nobody cares|no one "
        r"cares|grow up|get over it|not my problem|piss off|sod off|bugger off|loser|dumb|"
        r"clown|(?<!will )(?<!'ll )(?<!can )(?<!to )deal with it|your own fault|cry about it|go away|useless|"
        r"for all i care|weirdo|you creep|(?:you'?re|you are|such) a creep)\b|^\W*(?:ew+|eww+|yuck|gross)\b",
        r"\byou people\b|\b(?:rubbish|terrible|useless|bad|lousy) (?:parent|customer|person|mother|"
        r"father|driver)\b|\bsort yourself out\b|\bstop being (?:weird|silly|stupid|ridiculous|dramatic|"
        r"childish|a baby)\b|\bwhy on earth would i\b|\b(?:you'?re|you are) (?:exhausting|a nightmare|"
        r"unbearable|impossible)\b",
    ],
    "ru": [
        r"(?<![а-я])(?:дура|дурак|идиот|тупая|тупой|отвали|отвалите|достали|заткни|кому вы нужны|никому "
        r"не интересно|ваши проблемы|сами виноваты|истеричк|психованн|псих|отстаньте|не ной|не ныть|"
        r"хватит ныть|мне всё равно|мне все равно|до лампочки|по барабану|пофиг|плевать|ноет|ноете|"
        r"нытьё|нытье|ваши сказки|сказки ваши)(?![а-я])",
        r"(?<![а-я])(?:не ноите|ноите|в зеркало видели|вы нормальн\w*|(?:я вам|я тебе) не нянька|учитесь "
        r"читать|как все (?:взрослые|нормальные) люди|всем плевать)(?![а-я])",
    ],
    "zh": [
        r"神经病|有病(?![人历房床例号情了])|滚|烦死了|闭嘴|你算老几|活该|关我什么事|关我屁事|爱买不买|别烦我|蠢|笨蛋|矫情|"
        r"少废话|自己的问题|谁管你",
        r"脑子(?:是不是)?(?:不好使|有问题|进水)|做梦去吧|别这么烦|[一这]条狗而已|(?:您|你)有完没完",
    ],
}

_COURTESY = {
    "en": [r"\b(?:sorry|thank|thanks|afraid|appreciate|kind of you|i understand|i know|i get "
           r"it|i see|i hear|glad|lovely|take care|enjoy|unfortunately|i realise|i realize|"
           r"i can (?:see|tell|imagine)|that sounds|flattered|means a lot|sweet of you|"
           r"i'?m (?:right )?here|with you|don'?t worry|no worries|of course)\b"],
    "ru": [r"извините|простите|спасибо|к сожалению|понимаю|приятно|берегите|всего "
           r"доброго|жаль|благодар|сочувству|(?<!не )(?:знаю|вижу|слышу)(?![а-я])|лестно|ценю|"
           r"я рядом|не волнуйтесь|не переживайте|обидно|непросто|неприятно|тяжело"],
    "zh": [r"抱歉|不好意思|对不起|谢谢|理解|保重|辛苦|感谢|放心|别担心|能体会|您|知道|明白|"
           r"不容易|难受|着急|担心|踏实|安心|陪(?:您|你)"],
}


# Turning to another way to help: an offer of something the staff member will do, or a place
# the client can take it
_OFFER = {
    "en": [r"\b(?:i can|i could|i'?ll|i will|let me|let'?s|we can|we'?ll|happy to|i'?m happy to|here'?s|take this|"
           r"what i can do|you can (?:ask|call|ring|speak|talk|contact|book|try|go|send|use|email)|"
           r"please (?:speak|talk|ask|contact|call|ring|go) to|is the right place|can help (?:you|with)|"
           r"you could|i'?d (?:suggest|recommend)|how about|shall i|would you like|come with me|"
           r"follow me|the best (?:place|person|people))\b"],
    "ru": [r"(?<![а-я])(?:давайте|могу|можем|можно|я (?:вам |вас )?(?:помогу|найду|запишу|передам|подскажу|"
           r"провожу|оформлю|покажу|позвоню|дам|отложу|проверю|соединю|подберу|вызову|отмечу)|обсудим|разберём|разберем|посмотрим вместе|вот (?:книга|номер|телефон|памятк|бланк|форм|ссылк|листовк|визитк|адрес)|если (?:хотите|желаете),|звоните|пишите|приходите|обращайтесь|(?:там|вам) (?:подскажут|помогут|"
           r"ответят|объяснят)|обратитесь|подойдите|зайдите|"
           r"подберём|подберем|сделаем|найдём|найдем|покажем|поможем|запишем|предлагаю|советую|"
           r"сходите|загляните|позвоните|напишите|свяжитесь|идёмте|идемте|пойдёмте|пойдемте)(?![а-я])"],
    "zh": [r"(?:我|我们)(?:可以|帮|给|来|去|先|马上|这就|现在就|教|替|转告|转达|陪|带)|跟我(?:走|来)|可以(?:找|打|去|问|到|用|在)|"
           r"(?:您|你)(?:去|到|找|打)|建议(?:您|你)?(?:去|找|挂|到|问)|还是(?:早点|尽快|赶紧)?去|随时(?:找|来|问|叫)|"
           r"有需要|挂个|跟着我|请(?:往|从|跟)"],
}


@lru_cache(maxsize=16)
def _joined(table: str, language: str) -> re.Pattern[str] | None:
    source = {"sarcasm": _SARCASM, "insult": _INSULT, "courtesy": _COURTESY,
              "offer": _OFFER}[table].get(language)
    return join(source) if source else None  # (as "(?:p1)|(?:p2)|...", faster)


def find_sarcasm(surface: str, language: str) -> re.Match[str] | None:
    """Sympathy words in a mocking frame ("oh, poor you"), or None."""
    pattern = _joined("sarcasm", language)
    return pattern.search(surface) if pattern is not None else None


# An insult named to refuse it is not one: "if you call me stupid", «вы не дура», 不是笨蛋
_REPORTED = {
    "en": re.compile(r"\b(?:not|n't|never|no|nor|call|calls|called|calling|names?|word|like)\W+"
                     r"(?:\w+\W+){0,3}$"),
    "ru": re.compile(r"(?<![а-я])(?:не|ни|называ\w*|обзыва\w*|слов\w*)(?:\W+[а-я]+){0,2}\W*$"),
    "zh": re.compile(r"(?:不是|别说|不要说|别叫|骂我|说我|叫我|不)[^，。！？,.!?]{0,3}$"),
}


def find_insult(surface: str, language: str) -> re.Match[str] | None:
    pattern = _joined("insult", language)
    if pattern is None:
        return None
    reported = _REPORTED.get(language)
    for m in pattern.finditer(surface):
        if reported is None or not reported.search(surface, max(0, m.start() - 30), m.start()):
            return m
    return None


def find_courtesy(surface: str, language: str) -> re.Match[str] | None:
    """A softener that makes a refusal kind ("sorry", "thank you", "I understand")."""
    pattern = _joined("courtesy", language)
    return pattern.search(surface) if pattern is not None else None


def find_offer(surface: str, language: str) -> re.Match[str] | None:
    """An offer of another way forward ("what I can do is...", «давайте я...», 我帮您...)."""
    pattern = _joined("offer", language)
    return pattern.search(surface) if pattern is not None else None


def stock_share(norms: tuple[str, ...], function_words: frozenset[str],
                stock: frozenset[str]) -> float:
    """How much of the reply's meaningful words are stock-phrase vocabulary (0..1)."""
    words = [n for n in norms if n not in function_words]
    return sum(n in stock for n in words) / len(words) if words else 0.0


def zh_stock_share(surface: str) -> float:
    """The same for Chinese, by characters left once the stock phrases are taken out."""
    han = re.sub(r"[^\u3400-\u9fff]", "", surface)
    if not han:
        return 0.0
    rest = re.sub(STOCK["zh"], "", han)
    rest = re.sub("[" + FUNCTION_WORDS["zh"].replace(" ", "") + "]", "", rest)
    return 1.0 - len(rest) / len(han)


def content(norms: tuple[str, ...], function_words: frozenset[str]) -> set[str]:
    """The reply's distinct words that carry meaning (no function words)."""
    return {n for n in norms if n not in function_words}
