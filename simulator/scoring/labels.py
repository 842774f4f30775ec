"""Plain-language names for evidence, in the scenario's language: what the trainee did, said
so that anyone can read it ("You stated a clear limit", not `clear_limit`)."""

from __future__ import annotations

from functools import lru_cache

# rubric indicators, behaviours (expected, missing, red flags) and the scorer's own items
_EN = {
    "validates_feeling": "You named the client's feeling", "acknowledge_feelings": "acknowledging the feeling",
    "shows_understanding": "You showed you understood", "sympathises": "You said you were sorry for them",
    "appreciates_client": "You thanked or appreciated the client", "courtesy": "Polite words",
    "offers_help": "You said what you can do", "offer_help": "saying what you can do",
    "warm_limit": "You softened the limit without giving it up", "dismissing": "You brushed the feeling aside",
    "dismiss_feelings": "brushing the feeling aside", "judging": "You judged the client",
    "blaming": "You blamed the client", "judge_or_blame": "judging or blaming",
    "sarcasm": "Sarcasm", "aggression": "Hostile or insulting words", "apologises_instead": "Apologies instead of acknowledgement",
    "clear_limit": "You stated a clear limit", "state_limit": "stating a clear limit",
    "states_consequence": "You calmly stated a consequence", "state_consequence": "stating a consequence",
    "clear_instruction": "You gave a clear instruction", "give_instruction": "a clear instruction",
    "involves_colleague": "You brought in a colleague", "involve_colleague": "bringing in a colleague",
    "alternative_offered": "You offered an alternative", "takes_control": "You steered the conversation",
    "hedging": "Hedging words", "caving": "You gave in to pressure", "cave_in": "giving in to pressure",
    "excessive_apology": "Too many apologies", "over_apologise": "apologising again and again",
    "pleading": "Pleading", "vague_deferral": "A vague 'maybe later'", "agrees_to_contact": "You agreed to contact outside work",
    "agree_outside_contact": "agreeing to contact outside work", "gives_away_details": "You gave personal details",
    "share_personal_info": "giving personal details", "personal_details": "You gave personal details",
    "outside_contact": "You agreed to contact outside work", "overstepping_role": "Advice or promises beyond your role",
    "overstep_role": "going beyond your role", "redirects_to_task": "You brought the talk back to the task",
    "stay_on_task": "bringing the talk back to the task", "refers_on": "You referred to the right service",
    "refer_channel": "referring to the right service",
    "expected": "Expected here: {0}", "missing": "Missing here: {0}", "red_flag": "Must not happen here: {0}",
    "learned_words+": "Words raters reward", "learned_words-": "Words raters mark down",
    "curt_reply": "A very short reply with no warmth", "repetition": "Saying it again adds nothing",
    "word_spam": "The same word over and over is not an answer",
    "salad": "Stock phrases that do not answer what the client said",
    "sarcasm_frame": "Sympathy words in a mocking tone", "insult": "Insulting words",
    "semantic": "Close to example replies",
    "delivery": "Delivery: {0}", "slow_speech": "slow speech", "rushed_speech": "rushed speech",
    "long_pauses": "long pauses", "filler_words": "filler words", "hesitation_before_starting": "a long wait before starting",
    "unsteady_loudness": "unsteady loudness", "steady_delivery": "steady, calm delivery",
}
_RU = {
    "validates_feeling": "Вы назвали чувство клиента", "acknowledge_feelings": "признать чувства",
    "shows_understanding": "Вы показали, что понимаете", "sympathises": "Вы посочувствовали",
    "appreciates_client": "Вы поблагодарили клиента", "courtesy": "Вежливые слова",
    "offers_help": "Вы сказали, чем можете помочь", "offer_help": "сказать, чем можете помочь",
    "warm_limit": "Вы смягчили границу, не отступив", "dismissing": "Вы отмахнулись от чувств",
    "dismiss_feelings": "отмахнуться от чувств", "judging": "Вы осудили клиента",
    "blaming": "Вы обвинили клиента", "judge_or_blame": "осуждение или обвинение",
    "sarcasm": "Сарказм", "aggression": "Грубые или враждебные слова", "apologises_instead": "Извинения вместо признания чувств",
    "clear_limit": "Вы ясно обозначили границу", "state_limit": "ясно обозначить границу",
    "states_consequence": "Вы спокойно назвали последствия", "state_consequence": "назвать последствия",
    "clear_instruction": "Вы дали чёткую инструкцию", "give_instruction": "чёткая инструкция",
    "involves_colleague": "Вы позвали коллегу", "involve_colleague": "позвать коллегу",
    "alternative_offered": "Вы предложили другой путь", "takes_control": "Вы направили разговор",
    "hedging": "Неуверенные слова", "caving": "Вы уступили давлению", "cave_in": "уступить давлению",
    "excessive_apology": "Слишком много извинений", "over_apologise": "извиняться снова и снова",
    "pleading": "Упрашивание", "vague_deferral": "Расплывчатое «может быть, потом»",
    "agrees_to_contact": "Вы согласились на контакт вне работы", "agree_outside_contact": "согласие на контакт вне работы",
    "gives_away_details": "Вы сообщили личные данные", "share_personal_info": "сообщить личные данные",
    "personal_details": "Вы сообщили личные данные", "outside_contact": "Вы согласились на контакт вне работы",
    "overstepping_role": "Советы или обещания не по вашей роли", "overstep_role": "выйти за рамки роли",
    "redirects_to_task": "Вы вернули разговор к делу", "stay_on_task": "вернуть разговор к делу",
    "refers_on": "Вы направили в нужную службу", "refer_channel": "направить в нужную службу",
    "expected": "Здесь ожидалось: {0}", "missing": "Здесь не хватило: {0}", "red_flag": "Здесь недопустимо: {0}",
    "learned_words+": "Слова, которые ценят эксперты", "learned_words-": "Слова, за которые эксперты снижают оценку",
    "curt_reply": "Очень короткий ответ без тепла", "repetition": "Повтор ничего не добавляет",
    "word_spam": "Одно слово снова и снова — это не ответ",
    "salad": "Дежурные фразы, которые не отвечают клиенту",
    "sarcasm_frame": "Слова сочувствия с насмешкой", "insult": "Оскорбительные слова",
    "semantic": "Похоже на образцовые ответы",
    "delivery": "Подача: {0}", "slow_speech": "медленная речь", "rushed_speech": "торопливая речь",
    "long_pauses": "долгие паузы", "filler_words": "слова-паразиты", "hesitation_before_starting": "долгая пауза перед ответом",
    "unsteady_loudness": "неровная громкость", "steady_delivery": "ровная, спокойная подача",
}
_ZH = {
    "validates_feeling": "您说出了客户的感受", "acknowledge_feelings": "回应感受",
    "shows_understanding": "您表示了理解", "sympathises": "您表达了同情",
    "appreciates_client": "您感谢了客户", "courtesy": "礼貌用语",
    "offers_help": "您说明了能做什么", "offer_help": "说明能做什么",
    "warm_limit": "您语气温和但没有让步", "dismissing": "您忽视了客户的感受",
    "dismiss_feelings": "忽视感受", "judging": "您评判了客户", "blaming": "您指责了客户",
    "judge_or_blame": "评判或指责", "sarcasm": "讽刺", "aggression": "敌意或辱骂的话",
    "apologises_instead": "只道歉，没有回应感受",
    "clear_limit": "您清楚地说明了界限", "state_limit": "清楚说明界限",
    "states_consequence": "您平静地说明了后果", "state_consequence": "说明后果",
    "clear_instruction": "您给出了明确指令", "give_instruction": "明确指令",
    "involves_colleague": "您请来了同事", "involve_colleague": "请同事协助",
    "alternative_offered": "您提供了替代办法", "takes_control": "您掌握了对话方向",
    "hedging": "含糊的措辞", "caving": "您在压力下让步了", "cave_in": "在压力下让步",
    "excessive_apology": "道歉过多", "over_apologise": "反复道歉", "pleading": "恳求",
    "vague_deferral": "含糊的“以后再说”", "agrees_to_contact": "您同意了工作以外的联系",
    "agree_outside_contact": "同意工作以外的联系", "gives_away_details": "您透露了个人信息",
    "share_personal_info": "透露个人信息", "personal_details": "您透露了个人信息",
    "outside_contact": "您同意了工作以外的联系", "overstepping_role": "超出职责的建议或承诺",
    "overstep_role": "超出职责", "redirects_to_task": "您把话题拉回正事",
    "stay_on_task": "把话题拉回正事", "refers_on": "您转介到合适的渠道", "refer_channel": "转介到合适的渠道",
    "expected": "这里应该：{0}", "missing": "这里缺少：{0}", "red_flag": "这里不应该：{0}",
    "learned_words+": "评分员认可的用词", "learned_words-": "评分员扣分的用词",
    "curt_reply": "回答太短，缺少温度", "repetition": "重复说不会加分",
    "word_spam": "反复说同一个词不算回答", "salad": "套话没有回应客户说的内容",
    "sarcasm_frame": "用同情的话来嘲讽", "insult": "侮辱性的话", "semantic": "接近示范回答",
    "delivery": "表达：{0}", "slow_speech": "语速太慢", "rushed_speech": "语速太快",
    "long_pauses": "停顿太长", "filler_words": "口头禅", "hesitation_before_starting": "开口前犹豫太久",
    "unsteady_loudness": "音量不稳", "steady_delivery": "表达平稳",
}
_DECISIONS = {
    "en": {
        "grant": "You agreed to {0}", "refuse": "You said no to {0}", "defer": "You put off {0} instead of answering",
        "ignore": "You did not answer the request for {0}", "leave": "You told the client to leave now",
        "kind_refusal": "You said no kindly", "none": "the request",
        "caring_refusal": "You said no and offered another way to help",
        "next_step": "You moved calmly on to what you can do",
        "personal_contact": "personal contact details", "meet_outside_work": "meeting outside work",
        "stay_on_line": "staying on the line as long as they want", "unauthorised_favour": "a favour the rules do not allow",
        "refund_or_discount": "a refund or discount outside the rules", "advice_outside_remit": "advice outside your role",
        "stay_in_danger": "the client staying put in danger", "colleague_information": "a colleague's personal details",
    },
    "ru": {
        "grant": "Вы согласились: {0}", "refuse": "Вы отказали: {0}", "defer": "Вы отложили ответ: {0}",
        "ignore": "Вы не ответили на просьбу: {0}", "leave": "Вы сказали клиенту немедленно выйти",
        "kind_refusal": "Вы отказали вежливо", "none": "просьба",
        "caring_refusal": "Вы отказали и предложили, чем ещё помочь",
        "next_step": "Вы спокойно перешли к тому, что можно сделать",
        "personal_contact": "личные контакты", "meet_outside_work": "встреча вне работы",
        "stay_on_line": "разговор сколько угодно долго", "unauthorised_favour": "услуга в обход правил",
        "refund_or_discount": "возврат или скидка не по правилам", "advice_outside_remit": "совет не по вашей роли",
        "stay_in_danger": "остаться в опасном месте", "colleague_information": "личные данные коллеги",
    },
    "zh": {
        "grant": "您答应了：{0}", "refuse": "您拒绝了：{0}", "defer": "您拖延了答复：{0}",
        "ignore": "您没有回应请求：{0}", "leave": "您让客户立即离开",
        "kind_refusal": "您礼貌地拒绝了", "none": "请求",
        "caring_refusal": "您拒绝了，同时提出了别的帮助办法",
        "next_step": "您平静地转到能做的事情上",
        "personal_contact": "私人联系方式", "meet_outside_work": "工作以外见面",
        "stay_on_line": "想聊多久就聊多久", "unauthorised_favour": "违反规定的通融",
        "refund_or_discount": "不符合规定的退款或折扣", "advice_outside_remit": "超出职责的建议",
        "stay_in_danger": "留在危险的地方", "colleague_information": "同事的个人信息",
    },
}
_TABLES = {"en": _EN, "ru": _RU, "zh": _ZH}


def label(indicator: str, language: str, points: float = 0.0) -> str:
    return _label(indicator, language, points >= 0)


@lru_cache(maxsize=8192)
def _label(indicator: str, language: str, earned: bool) -> str:
    """The plain-language name of an evidence item ('expected:state_limit', 'clear_limit',
    'decision:grant:personal_contact', 'learned_words', 'delivery:filler_words'...)."""
    table = _TABLES.get(language, _EN)
    kind, _, rest = indicator.partition(":")
    if kind == "decision":
        verdict, _, request = rest.partition(":")
        words = _DECISIONS.get(language, _DECISIONS["en"])
        return words[verdict].format(words.get(request, request.replace("_", " ")))
    if kind == "learned_words":
        return table["learned_words+" if earned else "learned_words-"]
    if kind in ("expected", "missing", "red_flag", "delivery") and rest:
        names = [table.get(n, n.replace("_", " ")) for n in rest.split("|")]
        joiner = {"en": " or ", "ru": " или ", "zh": "或"}.get(language, " or ")
        return table[kind].format(joiner.join(names))
    found = table.get(indicator) or table.get(kind)
    return found if found else indicator.replace("_", " ").replace(":", " ")
