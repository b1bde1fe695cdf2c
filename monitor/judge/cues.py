"""The stance cue lists, one table per language, and the matching of them in a text.

Each table maps a kind of cue to its phrases. A language written with spaces has its phrases
matched as word sequences: item and phrase are both folded, and split the same way (no stemming: "plane" is not
"plan"), so each inflection is written out. A language written without spaces (Chinese) has its phrases matched as
substrings of the folded text. A phrase may name exceptions after "!" (substring tables): "拟" is
not matched inside "模拟" or "虚拟". Where phrases overlap, the longest wins: "not confirmed" is
hedging, not a confirmation; "no plans to" is a reversal, not a negation.

Kinds:

- refuting: the item calls the claim false (debunking, hoax, satire);
- denial: someone denies it ("X denies ...");
- reversal: the event was called off, blocked or abandoned ("abandons", "calls off");
  ``reversal_of``: verbs that reverse only a plan noun after them ("drops its bid"; ``plan``);
- negation: negation words (weak on their own; strong just before a claim term);
- weak_refuting: doubt and dismissal words, a weak signal;
- dismissal: verbs that deny when what follows is a rumour ("shuts down pregnancy rumours");
- prospect: facing something, modality when a penalty or the like follows ("faces $50m fine");
- pressing: pressing someone or promising, modality when "to" and the claim's event follow
  ("lawmakers press X to ban ads", "Labour pledges to nationalise X");
- nearing: "close to", modality when a deal or the like follows ("close to Boeing order");
- hedging: rumour and unverified framing ("reportedly", "unconfirmed");
  ``weak_hedging``: words that often but not always frame a rumour ("claims", "if");
  ``concern``: fear, worry and opposition; hedging when just before the claim's own terms ("union
  fears job cuts", "residents oppose tower"), weak hedging elsewhere ("amid fears", "sparks
  fears");
- modality: only possibly, or under negotiation ("could", "in talks", "considering");
- intention: planned, not yet done ("plans to", "set to", "expected to");
- future: the future tense; read in claims only (a claim that "X will buy Y" is not
  contradicted by "X plans to buy Y");
- fiction: a part played, not lived ("plays a dying man in new film");
- retrospective: looking back at an event of years ago ("marks 10 years since tornado");
- attribution: a source speaks ("says", "according to");
- confirmation: official confirmation or announcement;
- question: question words (the question mark is checked apart);
- relation: nouns naming someone else by their relation to a person ("father", "rival");
  ``role``: nouns naming someone else by their part beside a person or company, read as a
  relation only after a possessive ("X's drummer dies", "X's attacker arrested": "X co-founder
  Y dies" is Y himself);
  ``relation_modifier``: words that may stand between the name and the relation ("late").

Besides the cues, ``EVENT_FAMILIES``: near-synonyms and verbs of several words ("passes away" for
"died"), so that an item can be seen to assert a claim's event in other words; and
``CONTRARY_EVENTS``: what says the opposite of an event ("stays on" of "resigns", "stays open" of
"closes"), so that an item can be seen to deny it without a denial word.

``IDIOMS``: phrases whose words are not the event they spell ("fires back at critics" fires
no one).

Add a language by adding a table under its ISO 639-1 code (``monitor.judge.language.detect``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

import regex

from monitor.judge.text import fold, stem, term

KINDS = (
    "refuting",
    "denial",
    "reversal",
    "reversal_of",
    "plan",
    "negation",
    "weak_refuting",
    "dismissal",
    "prospect",
    "pressing",
    "nearing",
    "near_miss",
    "not_negating",
    "hedging",
    "weak_hedging",
    "concern",
    "modality",
    "intention",
    "future",
    "fiction",
    "retrospective",
    "attribution",
    "confirmation",
    "question",
    "relation",
    "role",
    "relation_modifier",
)

ENGLISH: dict[str, str] = {
    "refuting": """
        hoax, hoaxes, fake, fakes, faked, false, falsely, fabricated, fabrication, myth, myths,
        untrue, bogus, satire, satirical, parody, prank, pranks, baseless, unfounded, debunk,
        debunks, debunked, debunking, refute, refutes, refuted, retract, retracts, retracted,
        retraction, phony, phoney, rubbish, nonsense, bullshit, not true, isn't true, wasn't true,
        not real, isn't real, made up, make believe, no evidence, never happened, didn't happen,
        did not happen, photoshopped, doctored, deepfake, deepfakes, deep fake, deepfaked, april fool,
        april fools, april fool's, urban legend, misinformation, disinformation,
        fake news, false alarm, scam, hoaxer, hoaxers, fabricate, fabricates, fabricating,
        exaggerated, inaccurate, erroneous, incorrect, mistaken, misreported, not the case, bs,
        made it all up, too good to check, no truth, without foundation, groundless, pure
        speculation, mere speculation, just speculation, only speculation, out of context,
        misattributed, old photo, old photos, old image, old video, old footage, art project,
        art installation, recycled photo, recycled image, digitally altered, edited image, no such,
        scaremongering, scare story, scare stories, fearmongering, overblown,
        cleared of, clears, misreading, acquitted, acquits, acquittal, found not guilty, exonerated, pure fiction, complete fiction, total fiction
    """,
    "denial": """
        deny, denies, denied, denying, denial, denials, shoots down,
        shot down, quash, quashes, quashed, quashing, dispelling, squashing, scotching, scotch, scotches, scotched, laughs off, laughed off,
        brushes off, brushed off, pours cold water, setting the record straight, sets the record
        straight, rebuff, rebuffs, rebuffed, put to rest, puts to rest, dispel, dispels,
        dispelled, squash, squashes, squashed, shoots down, shuts down rumors, kills rumor, kills
        rumour, kills rumors, kills rumours, slams rumors, slams rumours
    """,
    "reversal": """
        abandon, abandons, abandoned, abandoning, scrap, scraps, scrapped, scrapping, mothball, mothballs,
        mothballed, mothballing, call off,
        calls off, called off, calling off, call it off, calls it off, called it off, calling it off, walk away from, walks away from, walked away from,
        walking away from, pull out of, pulls out of, pulled out of, pulling out of, pulls out, back out, backs out, backed out, backing out,
        back away from, backs away from, backed away from, backing away from, retreats from,
        retreated from, steps back from, stepped back from,
        not in talks, not in discussions, not in negotiations, no talks, not in any talks, not in any
        discussions,
        throw out, throws out, threw out, thrown out, passed over, passes over, pass over, no need to,
        no need for,
        rule out, rules out, ruled out, ruling out, no plans to, no plan to, has no plans, have no
        plans, not planning, fell through, falls through, fall through, collapse, collapses,
        collapsed, reject, rejects, rejected, rejecting, cancel,
        cancels, canceled, cancelled, cancelling, canceling, shelve, shelved, shelves, axe, axes,
        axed, halt, halts, halted, u-turn, backtrack, backtracks, backtracked, withdraw,
        withdraws, withdrew, withdrawn, terminate, terminates, terminated, scuttle, scuttles,
        scuttled, derail, derails, derailed, put on hold, puts on hold, on ice, no longer, called
        off, turned down, turns down, turn down, vetoes, vetoed, veto, thwarted, falls apart, fell
        apart, votes down, voted down, vote down, votes against, voted against, vote against,
        strikes down, struck down, strike down, overturn, overturns, overturned, stops short of,
        stopped short of, avoids arrest, avoided arrest, evades arrest, evaded arrest, escapes
        arrest, escaped arrest, pulls the plug, pulled the plug, pulls plug, pulled plug, pull the
        plug, spurn, spurns, spurned, spurning, snub, snubs, snubbed, refuses, refused, refusing,
        loses out, backs down, backed down, back down, backing down, climbs down, climbed down, climbdown,
        reverse, reverses, reversed, reversing, off the table, not to proceed, not proceed with, will not proceed, won't proceed, not proceeding, decided against,
        decides against, decide against, walks from, walked from, u-turns, u-turned,
        lose out, lost out, misses out, miss out, missed out, dead in the water
    """,
    "reversal_of": """
        drop, drops, dropped, dropping, end, ends, ended, kill, kills, killed, pull, pulls,
        pulled, sink, sinks, sank, ditch, ditches, ditched, nix, nixes, nixed, suspend, suspends,
        suspended, freeze, freezes, froze, frozen, pause, pauses, paused, stop, stops, stopped,
        break off, breaks off, broke off, block, blocks, blocked, blocking, lift, lifts, lifted,
        lifting, postpone, postpones, postponed, postponing, delay, delays, delayed, delaying,
        defer, defers, deferred, put off, puts off, reverse, reverses, reversed, push back, pushes
        back, pushed back, pushing back, off, on hold, abort, aborts, aborted, aborting, scrub, scrubs,
        scrubbed, scrubbing
    """,
    "plan": """
        bid, bids, plan, plans, deal, deals, offer, offers, talks, proposal, merger, takeover,
        acquisition, project, idea, effort, pursuit, interest, lawsuit, suit, charge, charges, case,
        appeal, contract, agreement, partnership, venture, launch, release, negotiations,
        tie-up, sale, purchase, move, ban, bans, vote, ruling, bill, law, policy, decision,
        embargo, sanctions, wedding, election, referendum, trial, hearing, emergency, lockdown,
        curfew, restrictions, alert, warning, order, approval, licence, license, permit, visit,
        trip, tour, meeting, summit, concert, planned, proposed, tariff, tariffs, levy, tax, attempt, attempts, ipo, listing,
        flotation, pledge
    """,
    "negation": """
        not, no, never, isn't, aren't, wasn't, weren't, doesn't, didn't, hasn't, haven't, hadn't,
        avoids, avoided, averts, averted, averting, without,
        cannot, can't, couldn't, nor, nope, neither, won't, will not, wouldn't, isn't going to,
        not going to
    """,
    "weak_refuting": """
        reject, rejects, rejected, doubt, doubts, doubtful, dubious, misleading, wrong, lie, lies,
        lied, lying, questionable, skeptical, sceptical, disputes, disputed, contradicts, fooled,
        duped, trolled, troll, trolls, alive
    """,
    "dismissal": """
        shuts down, shut down, shutting down, kills, kill, slams, slammed, blasts, blasted,
        squashes, squashed, crushes, crushed, swats down, puts an end to, hits back at, hit back at,
        ending, silences, silenced, dismiss, dismisses, dismissed, dismissing
    """,
    "prospect": "faces, face, facing, could face, may face, risks",
    "pressing": """
        press, presses, pressed, pressing, push, pushes, pushed, pushing, lobby, lobbies, lobbied,
        calls on, called on, calling on, call on, pledges, pledged, vows, vowed, promised, threatens,
        threatened, threatening, threaten, ask, asks, asked, asking
    """,
    "nearing": "close to, closer to, closing in on",
    # A "not" that negates nothing of the event ("Not only is X recalling ...", "is not the first
    # to ..."), or a cue word inside the name of a crime ("false accounting"): matched so that its
    # word is not read as a negation or refutation.
    "not_negating": """
        not only, not just, not the first, not the only, not alone in, not alone, no u-turn, no climbdown,
        no backtracking, not reverse, won't reverse, will not reverse, not be reversed, won't be reversed,
        not back down, won't back down, will not back down, no going back, won't reconsider, will not reconsider,
        false accounting, false imprisonment, false pretences, false pretenses, false advertising
    """,
    # Read only when the event missed is the claim's ("nearly died" for "has died").
    "near_miss": """
        nearly died, almost died, nearly dies, almost dies, nearly killed, almost killed, nearly
        arrested, almost arrested, narrowly escaped death, cheated death, cheats death, near-death,
        near death, close to death
    """,
    "hedging": """
        reportedly, allegedly, alleged, allegation, allegations, rumor, rumors, rumour, rumours,
        rumored, rumoured, unconfirmed, unverified, not confirmed, yet to confirm, yet to be
        confirmed, could not confirm, couldn't confirm, cannot confirm, can't confirm, not
        officially, speculation, speculate, speculates, speculated, purportedly, purported,
        shows signs of, show signs of, showing signs of, fuelling, fueling, fuels, fuelled, fueled, silent,
        supposedly, purports, purport, gossip, chatter, buzz, whispers, said to be, is said to, are said to,
        fans convinced, fans are convinced, fans think, fans believe, fans suspect, fans speculate, accuses,
        accused, accusing, accusation, accusations, what we know, what you need to know,
        what happens next,
        everything we know, what to know, need to know, needs to know, what it means, explainer,
        explained, would mean, what if, not seen in public, not been seen in public, not seen
        for, not been seen for, not seen since, not been seen since, probe launched, investigation launched, under investigation, declined to comment, declines to comment, no comment, stays silent, stay silent, stayed silent, remains silent, remained silent, keeps quiet, kept quiet, tight-lipped, did not respond, has not
        responded, have not responded, not responded, won't say, will not say, wouldn't say, would not
        say, refuses to say, refused to say, declines to say, declined to say, won't confirm, will
        not confirm, wouldn't confirm, would not confirm, refuses to confirm, declines to confirm,
        won't deny, will not deny, did not deny, didn't deny, does not deny, doesn't deny, would not
        deny, wouldn't deny, refuses to deny, refused to deny, declines to deny, declined to deny, not
        denying, stops short of denying, to appeal, will appeal, plans to appeal, vows to appeal,
        files appeal, lodges appeal,
        no release date, without a release date, does not include a release date, not include a release
        date, no launch date, without a launch date, gave no date, did not give a date, didn't give a
        date, no timeline, no timetable, without a date, not given a date,
        won't comment, will not comment, does not comment, doesn't comment, do not comment, don't comment,
        did not comment, didn't comment, not commenting, for now, for the time being, must still confirm, still
        needs to confirm, must confirm, needs to confirm, still has to confirm, awaiting confirmation,
        pending confirmation, subject to confirmation, must still approve, still needs to approve, neither confirms nor denies,
        neither confirm nor deny, neither confirmed nor denied, won't confirm or deny, will not confirm or
        deny, would not confirm or deny, wouldn't confirm or deny, questions answered, key questions,
        things to know, q&a
    """,
    "concern": """
        fear, fears, feared, fearing, fearful, worry, worries, worried, worrying, anxious,
        anxiety, concern over, concerns over, concern about, concerns about, concerned,
        uncertainty, uncertain, brace for, braces for, bracing for, braced for, jitters, dread,
        dreads, warn, warns, warned, oppose, opposes, opposed, opposing, rally against, rallies against, campaign
        against, fight to save, fighting to save, bid to save, campaign to save, battle to save,
        strike over, strikes over, striking over, walk out over, walkout over, protest over,
        protests over, protesting over, rally over
    """,
    "weak_hedging": """
        claim, claims, claimed, claiming, apparently, appears, appear, seems, seem, seemingly,
        suspected, suspect, believed, believe, thought, report, reports, reported, sources, source,
        predicts, predicted, hint, hints, hinted, suggests, suggest, suggested, if,
        insider, insiders, leak, leaked, leaks, viral, reporting, think,
        thinks, confusion, mystery, complain, complains, complaining, complaints, probe, probes,
        probing, investigate, investigates, investigating, investigation, questions raised,
        raises questions, questions over
    """,
    "modality": """
        could, might, may, possibly, possible, perhaps, probably, presumably, maybe, likely,
        debates, debating, doubts over, recommends, recommend, requests, motion to, tables motion,
        table motion, seek, request to, not opposed to, not impossible, threaten strike, threatens strike,
        threatened strike, strike threat, no confidence, no-confidence, consults, push for, pushes for, pushing for, pushed for, to test, to trial, asks court to, ask court to, asks the court to, or be, or face, bill that would,
        push bill, pushes bill, matter of time, letter of intent, to explore,
        unlikely, expected to, expect, expects, expected, in talks, in negotiations, in
        discussions, in merger talks, in takeover talks, in acquisition talks, in deal talks, in settlement talks, in settlement negotiations,
        in contract talks, in peace talks, in
        advanced talks, in early talks, in late-stage talks, in exclusive talks, in preliminary
        talks, in final talks, holds talks, held talks, holding talks, takeover talk, takeover
        talks, merger talk, merger talks, deal talk, deal talks, buyout talk, buyout talks, bid
        talk, sale talk, heads to regulator, heads to regulators, goes before regulators, submitted
        for approval, submits for approval, filed for approval, files for approval, undecided, yet
        to decide, no
        decision, reviews, reviewing, under review, to vote on, vote on, votes on, to decide on,
        recommends approval, recommended approval, recommends approving, recommended for approval, backs
        approval, recommend approval, recommend approving, must, has to, needs to, need to, have to, discussed, discusses, discussing, talked about,
        exploratory committee, unnamed airline, unnamed customer, undisclosed customer, unidentified buyer, mystery buyer, unnamed
        buyer, under consideration, being considered, on the table, no decisions, no decisions have been, no decision has been, consultation, consultations, consults
        on, consulting on, last resort, a last resort, if necessary, only if, could be needed, may be needed,
        scout, scouts, scouting, chant, chants, chanted, chanting, if approved, if it is approved, once approved, if passed,
        if confirmed, if elected, nominated, nominates, nominee, nomination, candidate, candidates,
        shortlist, shortlisted, contender, contenders, hopes, seeks, seeking, ahead of decision, ahead of a decision, ahead of vote, ahead of a
        vote, pending, awaiting, awaits, await, waits for, waiting for, to probe, will probe, opens probe,
        opens a probe, launches probe, launches a probe, probe into, investigation into, inquiry into, goes to public vote, goes to a
        vote, go to a vote, put to a vote, put to vote, on the ballot, heads to ballot, referendum on,
        to a referendum, hints at, hinted at, signals, in doubt, doubt over, talks to,
        in principle, in-principle, preliminary approval, provisional approval, talk of, imminent,
        loom, looms, looming, to lure, cannot be ruled out, can't be ruled out, not ruled out, not be ruled out,
        does not rule out, doesn't rule out, won't rule out, will not rule out, not ruling out, decision on, a decision on,
        decide whether, decides whether, to decide whether,
        considering, consider, considers, mull, mulls, mulling, weigh, weighs, weighing, eyes,
        eyed, eyeing, tipped to, said to, tipped as, tipped for, aims to, aiming to, seeks to, seeking to,
        looks to, looking to, hopes to, hoping to, trying to, tries to, tried to, attempt to,
        attempts to, attempted to, potential, proposed, mooted, exploring, explores, pursuing,
        courting, courts, woos, wooed, wooing, inspects, inspecting, inspection of, inspections of, on alert, on high alert, on guard, floats, floated, floating, under threat, not so fast, bet on, bets on, betting
        on, in the running, ahead of launch, ahead of its launch, ahead of the launch, before launch, before its launch,
        pre-launch, the case for, the case against, in defence of, in defense of, poised to, leads race, leads the race, leading race, leading the race, race to,
        open to buying, open to selling, open to a sale, open to offers, open to a deal, open to a merger, open to a bid,
        evaluate, evaluates, evaluating, assessing, assesses, feasibility, site selection, searching for a site,
        ahead of reopening, ahead of its reopening, ahead of the reopening, ahead of opening, ahead of its opening,
        ahead of the opening, test run, test runs, trial run, trial runs, test trains, dry run,
        not off the table, still on the table, talks, negotiations, negotiating, negotiates, poll, polls, survey, betting, bookmakers, bookies, odds, chance of,
        chance that, % chance, per cent chance, percent chance, safety review, opens review, opens a review, launches
        review, launches a review,
        frontrunner, front-runner, is favourite, is favorite, is the favourite, is the favorite,
        favourite to, favorite to, odds-on, forecast, forecasts, whether, propose,
        proposes, proposing, demand, demands, demanded, demanding, petition, petitions, undergoes
        test, undergoes tests, undergo tests, awaiting results, awaits results, awaiting test
        results, tested for, being tested, to be tested, attempt on, faces fine, faces a fine,
        faces charges, faces possible, faces penalty, faces up to, could face, point to, shortlist,
        shortlists, shortlisted, on the brink of, on brink of, at risk of, teeters, teetering,
        close to signing, close to a deal, close to agreeing, nears, nearing, on the verge of, edges closer, edging
        closer, nears deal, nearing a deal, urge, urges, urged, calls for, call for, called for,
        calling for, calls grow, under pressure, under growing pressure, under mounting pressure,
        under increasing pressure, faces pressure, faces calls, pressure grows, pressure builds,
        pressure mounts, calls to, call to, amid calls, should, shouldn't, ought to, refuses to,
        refused to, refusing to, refuse to, declines to, declined to, declining to, decline to, warrant, warrants,
        decision delayed, decision postponed, decision deferred, decision pushed back, delays
        decision, delayed decision, postpones decision, defers decision, not yet decided, not been
        decided, has not decided, hasn't decided, have not decided, haven't decided, no final
        decision, not finalised, not finalized, ruling delayed, verdict
        delayed, warning issued, warnings issued, warning for, warnings for, warning in place,
        watch issued, warned of, warns of, consult on, consults on, consulting on, to consult, consultation on, consultation
        over, public consultation, bet that, bets that, markets bet, investors bet, traders bet,
        markets expect, investors expect, traders expect, applies for, applied for, applying for,
        files confidentially, filed confidentially, files to list, filed to list, refuses to rule
        out, refused to rule out, won't rule out, will not rule out, wouldn't rule out, does not rule
        out, doesn't rule out, did not rule out, didn't rule out, not ruling out, not ruled out, not
        been ruled out, hasn't ruled out, has not ruled out, haven't ruled out, declines to rule
        out, declined to rule out, can't rule out, cannot rule out, could not rule out, couldn't rule
        out
    """,
    "intention": """
        plan to, plans to, planned to, planning to, planning, plans, set to, poised to,
        preparing to, prepares to, in line to, on track to, working
        on, to announce, will announce, intends to, intend to, intention to, gearing up to,
        next year, next month, next week, later this year, later this month, coming weeks, coming
        months, planned for, scheduled for, slated for, next spring, next summer, next autumn,
        next fall, next winter, set wedding date, sets wedding date, wedding date set, date set for, sets date for, set a date for, sets a date for, set the date for,
        sets the date for
    """,
    "future": "will, shall, going to, gonna, 'll, to be, is to, are to",
    "fiction": """
        in new film, in new movie, in upcoming film, in upcoming movie, in the film, in the movie,
        in a film, in a movie, in new series, in new video, music video, film role, movie role,
        plays a, plays the, to play a, to play the, cast as, stars as, on screen, onscreen,
        in a sketch, in the trailer, in new trailer, new thriller, new drama, new comedy, in new
        musical, in the musical, new musical, in new play, in the play, stage show, thriller,
        biopic, sitcom, miniseries, screenplay, netflix comedy, netflix film, netflix movie, netflix
        series, netflix drama, netflix show, tv drama, tv series, new episode, season finale
    """,
    "retrospective": """
        years since, anniversary, anniversaries, commemorates, commemorated, commemorating,
        commemoration, decade since, decades since, looking back, looks back, look back at, throwback
    """,
    "attribution": """
        says, said, say, according to, claims, claimed, told, tells, report, reports, reported,
        sources, source, insider, insiders, tweets, tweeted, writes, wrote
    """,
    "confirmation": """
        confirm, confirms, confirmed, confirming, confirmation, official, officially, announces,
        announced, announce, announcement, verified, verify, proof, proves, proven, revealed,
        reveals, admits, admitted, acknowledges, acknowledged, true, indeed, finally, completes,
        completed, finalizes, finalized, finalises, finalised, it's official, has confirmed,
        have confirmed, it's real, it is real, it's genuine, it is genuine
    """,
    "question": "",
    "relation": """
        father, mother, dad, mum, mom, parent, parents, son, daughter, child, children, kid, kids,
        brother, sister, sibling, siblings, twin, wife, husband, spouse, partner, girlfriend,
        boyfriend, fiance, fiancee, ex, widow, widower, grandfather, grandmother, grandson,
        granddaughter, grandchild, grandchildren, grandma, grandpa, uncle, aunt, nephew, niece,
        cousin, family, relative, relatives, stepfather, stepmother, stepson, stepdaughter,
        friend, friends, rival, rivals, tribute band, tribute act, cover band, lawyer, lawyers, attorney, manager, agent, assistant,
        bodyguard, driver, coach, teammate, co-star, costar, co-host, co-hosts, co-presenter, co-anchor, lookalike, look-alike, double,
        namesake, impersonator, mistress, lover, nanny, maid, butler, neighbor, neighbour, pet,
        dog, cat, horse, ex-wife, ex-husband, ex-girlfriend, ex-boyfriend,
        subsidiary, parent company, owner, owners, dealer, dealers, dealership, franchisee, unit, affiliate, competitor, competitors, supplier, suppliers,
        customer, customers, client, clients, investor, investors, shareholder, shareholders,
        distributor, distributors, contractor, contractors, subcontractor, spin-off, spinoff,
        sister company, stepbrother, stepsister, aide, aides, adviser, advisers, advisor,
        advisors, deputy, staffer, staffers, chief of staff, spokesman, spokeswoman, spokesperson,
        fan, fans, bandmate, bandmates, band member, fellow protester, fellow protesters, fellow activist,
        fellow activists, fellow prisoner, fellow inmate, fellow detainee, co-defendant, co-accused, accomplice, parts maker, student, students, pupil,
        pupils, protege, protégé, mentor, colleague, colleagues, classmate, roommate, flatmate,
        support act, opening act, supporting act, tour manager, understudy, stand-in
    """,
    "role": """
        guitarist, drummer, bassist, bass player, keyboardist, pianist, frontman, frontwoman,
        singer, lead singer, backing singer, vocalist, producer, songwriter, co-founder, cofounder,
        founder, ceo, chief executive, chief, cfo, chief financial officer, chairman, chairwoman, boss,
        director, president, assistant, assistants, deputy, protege, protégé, running mate, spokesperson, spokesman, spokeswoman, lawyer, lawyers, attacker, attackers, assailant,
        assailants, killer, killers, murderer, shooter, gunman, stalker, kidnapper, kidnappers,
        abductor, accuser, accusers, victim, victims, critic, critics, doctor, surgeon, nurse,
        chef, pilot, caddie, trainer, teacher, employee, employees, worker, workers, staff,
        biographer, ghostwriter, stunt double, minister, foreign minister, envoy, ambassador,
        publisher, editor, translator, illustrator, co-author
    """,
    "relation_modifier": """
        late, former, ex, estranged, elder, older, younger, eldest, youngest, step, half, teenage,
        adult, baby, infant, newborn, twin, own, longtime, long-time, beloved, alleged, biological,
        adopted, first, second, third, new, longtime
    """,
}

# Chinese (simplified): matched as substrings of the folded text.
CHINESE: dict[str, str] = {
    "refuting": """
        辟谣, 不实, 谣言, 假消息, 虚假, 假新闻, 造谣, 捏造, 子虚乌有, 不属实, 并非事实, 失实, 乌龙,
        是假的, 假的, 系伪造, 伪造, 谣传, 为假, 没有此事, 并无此事, 无此事, 没有这回事, 不存在此事, 旧闻, 系旧闻,
        旧视频, 旧图, 老视频, 不攻自破, 误读, 系误读, 属误读, 恶意炒作, 系炒作, 纯属炒作, 与事实不符, 不符合事实, 严重失实, 未在其列, 不在其列, 不在此列, 未在此列
    """,
    "denial": "否认, 澄清, 驳斥, 否定, 回应称不实",
    "reversal": """
        放弃, 取消, 终止 !终止上市, 叫停, 撤回, 退出, 搁置, 告吹, 破裂, 暂停, 否决, 拒绝, 中止, 作罢, 撤销, 喊停,
        无缘, 落选, 流产, 不在议程, 推迟, 延期, 延迟, 暂缓, 搁浅, 泡汤, 落空, 收回, 驳回
    """,
    "reversal_of": "",
    "plan": "",
    "negation": """
        未与, 未就, 暂不, 不予, 并未, 没有 !没有收到, 未曾, 不会, 并非, 不是, 尚未 !尚未收到, 从未, 无意, 并没有, 未能,
        绝不, 不存在, 不可能, 暂无, 并无, 无需, 不需要, 没必要, 不必, 避免, 免于
    """,
    "weak_refuting": "质疑, 怀疑, 误导, 存疑",
    "dismissal": "",
    "prospect": "面临, 或面临, 恐面临, 或将面临",
    "pressing": "",
    "nearing": "",
    "near_miss": "险些丧命, 差点丧命, 险些遇难, 差点遇难",
    "not_negating": "不仅, 不只, 不止",
    "hedging": """
        网传, 传闻, 据悉, 据报道, 消息称, 疑似, 疑云, 传言, 爆料, 据传, 知情人士, 消息人士, 未经证实,
        业内人士, 接近, 人士透露, 热议, 引发关注, 引关注, 受关注,
        流传, 尚未证实, 未证实, 尚未确认, 未确认, 暂未通报, 尚未通报, 未通报, 暂无通报, 网曝, 被曝, 被爆, 曝 !曝光 !曝晒, 未回应, 尚未回应, 暂未回应,
        未予回应, 不予回应, 不作回应, 未作回应, 暂不回应, 暂无回应, 尚无回应, 暂无回复, 未回复, 未否认, 并未否认, 没有否认, 不否认, 不予置评, 拒绝置评, 未置评, 暂未, 以官方信息为准, 以官方消息为准, 以官方通报为准,
        以官方公告为准, 以官方发布为准, 以公告为准, 以公司公告为准, 评论：, 评论:, 观点：, 观点:, 社评, 时评,
        传 !传统 !宣传 !传播 !传出 !传媒 !传输 !传奇 !传递 !传承 !流传 !传送 !传染 !遗传 !自传 !传真
           !传感 !传闻 !传言 !据传 !传将 !相传 !传授 !传唤 !传导 !上传 !外传 !传球 !传说 !传人 !传达
    """,
    "weak_hedging": "有消息, 据媒体, 曝光, 传出, 称",
    "concern": "担忧, 担心, 忧虑, 恐遭, 恐将面临, 焦虑",
    # 或 before a verb or preposition is "may" in headlines (小米或与北汽合作); alone it is "or"
    "modality": """
        或将, 可能, 考虑, 洽谈, 商谈, 谈判, 是否, 或许, 也许, 恐将, 有意, 接洽, 探讨, 意向, 或与, 或于,
        或在, 或已, 或被, 或成, 或再, 或遭, 或达, 无望, 开启预约, 接受预约, 或存, 或有, 或涉, 或致, 或因, 考察, 调研, 酝酿, 寻求, 获受理,
        受理, 审评, 审批中, 待批, 审查, 审核中, 正在审核, 反垄断审查, 遇阻, 受阻, 生变, 存变数, 传将, 尚无定论, 没有进展, 无进展, 有待, 未有定论, 有望, 不排除, 不排除将, 尚需, 尚待, 仍需,
        或推迟, 或将推迟, 可能推迟, 或延期, 或将延期, 或暂停, 或取消, 入围, 短名单, 获提名, 候选, 能否, 不确定性, 存在不确定, 上市申请, 递交申请, 提交申请, 并非没有可能, 并非不可能, 不无可能, 不是没有可能,
        征求意见, 征询意见, 时间问题, 申办, 呼吁, 原则同意, 原则上同意, 原则性同意, 正申请, 正在申请, 申请中, 递表, 递交招股书, 二选一, 三选一, 建议, 草案, 审议, 待定, 聆讯, 约谈, 合练, 演练, 彩排, 动议
    """,
    "intention": "拟 !模拟 !虚拟, 计划, 预计, 准备, 打算, 拟于, 筹备, 下月, 下个月, 下周, 明年, 即将, 力争",
    "future": "将, 将要, 会",
    "fiction": "剧中, 饰演, 电影中, 新片中, 影片中, 戏中, 片中",
    "retrospective": "周年, 纪念, 去年曾, 前年曾, 此前曾, 早前曾, 以前曾, 曾经, 多年前, 年前, 往事, 回顾, 曾多次",
    "attribution": "表示, 透露, 援引, 声称, 称 !名称 !对称 !称号 !称为 !堪称",
    "confirmation": """
        官宣, 宣布, 证实, 确认, 正式, 发布公告, 公告, 官方确认, 官方宣布, 已完成, 完成收购, 落定, 并非谣言, 不是谣言,
        绝非谣言, 并非传言, 不是传言
    """,
    "question": "吗？, 吗?, 真的吗, 是真是假",
    "relation": """
        父亲, 母亲, 爸爸, 妈妈, 儿子, 女儿, 哥哥, 弟弟, 姐姐, 妹妹, 胞弟, 胞兄, 胞妹, 胞姐, 续集, 前传, 兄弟, 姐妹, 妻子, 丈夫, 老婆,
        老公, 前妻, 前夫, 女友, 男友, 未婚妻, 未婚夫, 家人, 亲属, 朋友, 好友, 对手, 律师, 经纪人, 经纪公司,
        助理, 教练, 乐队成员, 队友, 之父, 之母, 之子, 之女, 之妻, 之弟, 之兄, 之妹, 之姐, 之夫, 之孙, 侄子, 外甥, 爷爷, 奶奶, 外公, 外婆, 孙子, 孙女, 父母, 子女, 亲戚,
        竞争对手, 子公司, 母公司, 供应商, 客户, 投资者, 股东, 经销商, 旗下, 附近, 周边, 姊妹, 关联公司,
        女足, 女篮, 女排, 青年队, 预备队, 梯队, 二队, 青训队, 师兄, 师姐, 师弟, 师妹
    """,
    "role": """
        吉他手, 鼓手, 贝斯手, 凶手, 袭击者, 枪手, 副董事长, 副总裁, 副总经理, 副主席, 副市长, 副省长,
        副部长, 副总统, 副校长
    """,
    "relation_modifier": "",
}


@dataclass(frozen=True, slots=True)
class CueTable:
    """One language's cues: kind -> phrases, and how they are matched."""

    language: str
    unspaced: bool  # matched as substrings (no spaces between words), else as word sequences
    phrases: Mapping[str, tuple[str, ...]]


def _split(block: str) -> tuple[str, ...]:
    """The comma-separated phrases of a block (a phrase may wrap a line), in order, each once."""
    return tuple(dict.fromkeys(p for p in (" ".join(q.split()) for q in block.split(",")) if p))


# A step on the way to an event put off (a hearing, a vote, a trial's session: "引渡听证会延期")
# leaves the event ahead: modality, where the delay word alone would reverse the event.
_STEPS_ZH = ("听证会", "听证", "审理", "庭审", "开庭", "宣判", "表决", "投票", "审议", "发布会")
_STEP_DELAYS_ZH = ("推迟", "延期", "延后", "推后", "暂缓", "顺延", "改期")
CHINESE["modality"] += ", " + ", ".join(s + d for s in _STEPS_ZH for d in _STEP_DELAYS_ZH)


TABLES: dict[str, CueTable] = {
    "en": CueTable("en", False, {k: _split(v) for k, v in ENGLISH.items()}),
    "zh": CueTable("zh", True, {k: _split(v) for k, v in CHINESE.items()}),
}


# ---------------------------------------------------------------------------------------------
# Words


# Apostrophes inside a word only ("isn't", "he'll"): quotation marks are often single quotes
# ("X 'not dead'"), and "Motors'" owns like "Motors".
_WORD = r"[a-z0-9]+(?:'[a-z0-9]+)*"
_CUE_WORD_RE = re.compile(_WORD)
# Scripts written without spaces between words, as in text.py: cut into character pairs.
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_ANY_CUE_WORD_RE = regex.compile(rf"{_WORD}|[{_UNSPACED}]+|[^\W_{_UNSPACED}]+")
UNSPACED_RE = regex.compile(rf"[{_UNSPACED}]")


@lru_cache(maxsize=4096)
def cue_words(text: str) -> tuple[str, ...]:
    """Folded words in order, inner apostrophes kept ("isn't" stays one word); runs of a script written
    without spaces are cut into overlapping character pairs, as the matcher's ``words`` does."""
    folded = fold(text).replace("\u2019", "'")
    if folded.isascii():
        return tuple(_CUE_WORD_RE.findall(folded))
    out: list[str] = []
    for w in _ANY_CUE_WORD_RE.findall(folded):
        if UNSPACED_RE.match(w):
            out.extend([w] if len(w) == 1 else [w[k : k + 2] for k in range(len(w) - 1)])
        else:
            out.append(w)
    return tuple(out)


@lru_cache(maxsize=4096)
def stems(text: str) -> tuple[str, ...]:
    return tuple(map(stem, cue_words(text)))


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue found in a text: its kind, the phrase as listed, and where (word or character
    positions, end exclusive)."""

    kind: str
    phrase: str
    start: int
    end: int


# A compiled table: for word tables, the stemmed phrases by their first stem; for substring tables,
# (kind, phrase, exceptions) in order.
_WordIndex = dict[str, list[tuple[tuple[str, ...], str, str]]]


@cache
def _word_index(language: str) -> _WordIndex:
    index: _WordIndex = {}
    for kind, phrases in TABLES[language].phrases.items():
        for phrase in phrases:
            key = cue_words(phrase)
            entries = index.setdefault(key[0], []) if key else []
            if key and (key, kind) not in ((k, c) for k, c, _ in entries):
                entries.append((key, kind, phrase))
    return index


@cache
def _substrings(language: str) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(kind, listed phrase, folded phrase, exceptions) of a substring table."""
    out = []
    for kind, phrases in TABLES[language].phrases.items():
        for listed in phrases:
            cue, *rest = listed.split(" !")
            out.append((kind, cue, fold(cue), tuple(fold(x) for x in rest)))
    return tuple(out)


def _word_hits(language: str, text: str) -> list[Hit]:
    """Hits of a word table."""
    index = _word_index(language)
    ws = cue_words(text)
    hits = []
    for i, w in enumerate(ws):
        for key, kind, phrase in index.get(w, ()):
            if ws[i : i + len(key)] == key:
                hits.append(Hit(kind, phrase, i, i + len(key)))
    return hits


def _excepted(text: str, at: int, cue: str, exceptions: tuple[str, ...]) -> bool:
    """Whether the cue found at ``at`` lies inside one of its exception words."""
    for x in exceptions:
        for offset in (m.start() for m in re.finditer(re.escape(cue), x)):
            start = at - offset
            if start >= 0 and text.startswith(x, start):
                return True
    return False


def _substring_hits(language: str, folded: str) -> list[Hit]:
    hits = []
    for kind, listed, cue, exceptions in _substrings(language):
        at = folded.find(cue)
        while at >= 0:
            if not _excepted(folded, at, cue, exceptions):
                hits.append(Hit(kind, listed, at, at + len(cue)))
            at = folded.find(cue, at + 1)
    return hits


def longest(hits: list[Hit]) -> list[Hit]:
    """The hits without those inside a longer hit ("not confirmed" hides "not" and "confirmed");
    in text order. Hits of equal length are all kept ("reports": hedging and attribution), and so
    are the kinds read in combination with others (``reversal_of``, ``plan``, ``relation``...),
    except a ``reversal_of`` inside a longer phrase of another kind."""
    paired = {"reversal_of", "plan", "relation", "role", "relation_modifier"}
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if h.kind == "reversal_of" and any(
            k.kind not in paired and k.start <= h.start and h.end <= k.end and k.end - k.start > h.end - h.start
            for k in kept
        ):
            continue  # a phrase of another kind holds it: "decision delayed" is modality
        if h.kind in paired or not any(
            k.kind not in paired
            and k.end - k.start > h.end - h.start
            and k.start < h.end
            and h.start < k.end
            for k in kept
        ):
            kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.end))


def find(language: str, text: str) -> list[Hit]:
    """The cues of a language's table in a text (word positions index ``cue_words(text)``;
    character positions index ``fold(text)`` for a substring table)."""
    table = TABLES[language]
    if table.unspaced:
        return longest(_substring_hits(language, fold(text)))
    return longest(_word_hits(language, text))


# ---------------------------------------------------------------------------------------------
# Event families

# Word families for reading a claim's event in an item, beyond those the matcher shares
# (text.py's): near-synonyms and verbs of several words. General lexical relations only, nothing
# about any particular claim. English; a family per line (a more indented line continues it).
EVENT_FAMILIES = """
    die, dies, died, dead, death, pass away, passes away, passed away, passing away, kill, rip,
        obituary
    kill, kills, killed, murder, murders, murdered, execute, executes, executed, execution,
        behead, beheads, beheaded, beheading, assassinate, assassinated, assassination, slay, slain
    name, named, names, identify, identifies, identified, identity, unmask, unmasks, unmasked
    choose, chooses, chose, chosen, pick, picks, picked, select, selects, selected, selection
    close, closes, closed, closing, closure, shut, shuts, shutdown, shut down, shuts down,
        shutting down
    resign, resigns, resigned, resignation, quit, quits, step down, steps down, stepped down,
        stepping down
    buy, takeover, take over, takes over, took over, snap up, snaps up, snapped up
    merge, merges, merged, merger
    launch, launches, launched, release, releases, released, unveil, unveils, unveiled, debut,
        debuts, debuted, introduce, introduces, introduced
    ban, bans, banned, banning, prohibit, prohibits, prohibited, outlaw, outlaws, outlawed,
        forbid, forbids, forbidden
    remove, removes, removed, removing, eliminate, eliminates, eliminated, cut, cuts, drop,
        drops, dropped, scrap, scraps, scrapped, axe, axes, axed
    stop, stops, stopped, end, ends, ended, halt, halts, halted, cease, ceases, ceased
    find, finds, found, discover, discovers, discovered, discovery, spot, spots, spotted,
        sighted, sighting
    steal, rob, robs, robbed, robbery
    sell, sells, sold, selling, sale, offload, offloads, offloaded, divest, divests, divested
    cancel, cancels, canceled, cancelled, canceling, cancelling, cancellation, call off, calls off,
        called off
    raise, raises, raised, raising, hike, hikes, hiked, increase, increases, increased, put up,
        puts up
    bankrupt, bankruptcy, insolvent, insolvency, go bust, goes bust, gone bust, went bust,
        administration, receivership, chapter 11, collapse, collapses, collapsed
    pregnant, pregnancy, expecting a baby, expecting her first child, baby on the way
    positive, tests positive, tested positive, test positive
    shoot, shoots, shot, shooting, gunned down, wounded
    fire, fires, fired, sack, sacks, sacked, sacking, oust, ousts, ousted, part ways, parts ways,
        parted ways, let go
    fine, fines, fined, penalty, penalised, penalized
    retire, retires, retired, retiring, retirement, hangs up, hang up
    win, wins, won, winning, winner, victory, awarded
    lay off, lays off, laid off, laying off, layoff, layoffs, redundancies, job cuts, let go, cut jobs, cuts jobs,
        cutting jobs, axe jobs, axes jobs, axed jobs, shed jobs, sheds jobs, shedding jobs, slash jobs, slashes jobs
    contaminate, contaminated, contamination, contaminates, tainted
    recall, recalls, recalled, recalling, pulled from shelves, pulls from shelves, withdrawn
        from sale, withdraws from sale
    move, moves, moving, moved, relocate, relocates, relocating, relocated, relocation
    leave, leaves, left, leaving, quit, quits, quitting, departure, depart, departs, departed,
        exit, exits, exited, walk out, walks out, walked out
    suspend, suspends, suspended, suspending, suspension, halt, halts, halted, halting
    lose, loses, lost, losing, stripped of
    elect, elects, elected, re-elected, wins race, won race, wins election, won election, wins
        vote, won vote, wins mayoral race, won mayoral race
    arrest, arrests, arrested, arresting, taken into custody, in custody, detain, detains, detained
    jail, jails, jailed, imprison, imprisons, imprisoned, imprisonment, locked up, behind bars,
        sentenced to prison, sentenced to jail, prison sentence, jail sentence, prison term, jail term,
        sent to prison, sent to jail
    strikes down, strike down, struck down, striking down, invalidate, invalidates, invalidated
    go public, goes public, went public, going public, gone public, ipo, ipos, initial public
        offering, flotation, market debut, stock market debut, lists on, listed on, listing on
    approve, approves, approved, approval, approving, green light, green-light, green-lights,
        greenlit, go-ahead, signs off, signed off, sign off
    appoint, appoints, appointed, appointment, appointing, sworn in, swears in, takes office,
        took office, installed as, names, named, taps, tapped, take over as, takes over as, took over
        as, to take over as, succeed, succeeds, to succeed
    settle, settles, settled, settling, settlement, settlements
    impose, imposes, imposed, imposing, slap, slaps, slapped, levy, levies, levied
    open, opens, opened, reopen, reopens, reopened, reopening
    order, orders, ordered, ordering, places order, placed order, firm order
    run for, runs for, running for, ran for, presidential bid, launches bid, launches presidential bid,
        enters race, enters the race, joins race, joins the race, candidacy
    reunite, reunites, reunited, reuniting, reunion, reunions, get back together, gets back together,
        getting back together, got back together
    discontinue, discontinues, discontinued, discontinuing, discontinuation, phase out, phases
        out, phased out, phasing out
    ground, grounds, grounded, grounding, groundings
    crash, crashes, crashed, crashing, crash-lands, crash-landed, crash landing
    alive, found alive, survives, survived, survivor, survivors
    lift, lifts, lifted, lifting
    pass, passes, passed, passing, votes through, voted through, vote through
    withdraw, withdraws, withdrew, withdrawn, withdrawing, withdrawal
    block, blocks, blocked, blocking, bars, barred, prohibits merger, prohibited
    delay, delays, delayed, delaying, postpone, postpones, postponed, postponing, pushed back, pushes
        back, push back, put back, puts back, rescheduled, slips, slipped
    success, successful, successfully, succeed in, succeeds in, succeeded in, succeeding in
    demolish, demolishes, demolished, demolishing, demolition, knock down, knocks down, knocked
        down, tear down, tears down, torn down, bulldoze, bulldozes, bulldozed
    renew, renews, renewed, renewing, renewal
    miss, misses, missed, ruled out of, rules out of, sidelined for
    dismiss, dismisses, dismissed, throw out, throws out, threw out, thrown out
    fail, fails, failed, failure, failures, outage, outages, went down, goes down, go down
    sack, sacks, sacked, sacking, part company with, parts company with, parted company with, relieved of his
        duties, relieved of her duties, relieved of duties, dismiss, dismisses, dismissed, axed as
    join, joins, joined, joining, sign for, signs for, signed for, signing for, completes signing of, completed
        signing of, complete signing of, completes move to, completed move to, seals move to, sealed move to
    hospitalise, hospitalises, hospitalised, hospitalize, hospitalizes, hospitalized,
        hospitalisation, hospitalization, admitted to hospital, admitted to the hospital, taken to
        hospital, taken to the hospital, rushed to hospital, rushed to the hospital, airlifted to
        hospital
    partner, partners, partnered, partnership, team up, teams up, teamed up, join forces, joins
        forces, joined forces, tie-up, tie up, ties up, alliance, collaborate, collaborates,
        collaboration
"""


def _entries(block: str) -> list[str]:
    """The entries of a list written one per line, a line more indented than the first
    continuing the one before (anywhere: after a comma or inside a phrase)."""
    lines = [line for line in block.splitlines() if line.strip()]
    base = min(len(line) - len(line.lstrip()) for line in lines)
    out: list[str] = []
    for line in lines:
        if len(line) - len(line.lstrip()) > base and out:
            out[-1] += " " + line.strip()
        else:
            out.append(line.strip())
    return out


def _family_index() -> tuple[dict[str, set[str]], dict[tuple[str, ...], set[str]]]:
    """Matching term -> family ids, and word sequence (several words) -> family ids."""
    by_term: dict[str, set[str]] = {}
    by_phrase: dict[tuple[str, ...], set[str]] = {}
    for n, line in enumerate(_entries(EVENT_FAMILIES)):
        family = f"family {n}"
        for member in _split(line):
            ws = cue_words(member)
            if len(ws) > 1:
                by_phrase.setdefault(ws, set()).add(family)
            else:
                # term() of each word, stopwords too: "won" is one ("won't") but also a past tense
                for t in map(term, ws):
                    by_term.setdefault(t, set()).add(family)
    return by_term, by_phrase


_FAMILY_OF_TERM, _FAMILY_OF_PHRASE = _family_index()
# The phrases by their first word, in the order of ``_FAMILY_OF_PHRASE`` (so that ``families``
# names the same first words found): a text is checked only for the phrases its words can start.
def _phrases_by_first_word() -> dict[str, list[tuple[int, tuple[str, ...], set[str]]]]:
    out: dict[str, list[tuple[int, tuple[str, ...], set[str]]]] = {}
    for n, (phrase, ids) in enumerate(_FAMILY_OF_PHRASE.items()):
        out.setdefault(phrase[0], []).append((n, phrase, ids))
    return out


_PHRASES_BY_FIRST_WORD = _phrases_by_first_word()


@lru_cache(maxsize=8192)
def families(ws: tuple[str, ...]) -> Mapping[str, str]:
    """The event families of some words (``cue_words``; single words by their matching term, and
    sequences of several): family id -> the first words found of it. Cached (stance asks for the
    same words against every claim an item is a candidate for); read-only."""
    out: dict[str, str] = {}
    for w in ws:
        for family in _FAMILY_OF_TERM.get(term(w), ()):
            out.setdefault(family, w)
    if len(ws) > 1:
        starting = sorted(p for w in set(ws) for p in _PHRASES_BY_FIRST_WORD.get(w, ()))
        for _, phrase, ids in starting:
            n = len(phrase)
            if any(ws[k : k + n] == phrase for k in range(len(ws) - n + 1)):
                for family in ids:
                    out.setdefault(family, " ".join(phrase))
    return MappingProxyType(out)


# ---------------------------------------------------------------------------------------------
# Contrary events

# What says the opposite of an event: "X vows to stay on" denies "X will resign" without a
# denial word. General lexical relations only. English: a line per event, named by a word of
# its family in ``EVENT_FAMILIES`` (a more indented line continues it); the phrases are matched as
# word sequences. Chinese: the event's characters in the claim, then the contrary substrings.
IDIOMS = """
    fires back, fired back, fire back, firing back, under fire, fired up, fire sale, hits back,
    photo shoot, dead heat, dead end, dead last, kills it, killing it, killed it, engaged in,
    engages in, engaging in, killed off, kills off, written out, writes out
"""
IDIOM_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(_split(IDIOMS), key=len, reverse=True)) + r")\b", re.IGNORECASE
)

CONTRARY_EVENTS = """
    resign: stay on, stays on, staying on, stayed on, will stay, to stay, vows to stay,
        stay in office, stays in office, remain in office, remains in office, remain in post,
        remains in post, not going anywhere, keeps his job, keeps her job, keep his job,
        keep her job, remains with, remain with, stays with, stay with, staying with
    close: here to stay, is here to stay, stay open, stays open, staying open, to remain open, will remain open, remain open,
        remains open, reopen, reopens, reopened, reopening, saved from closure, spared closure,
        saved, rescued, reprieve, reprieved, invests, invested, investing, investment in, expands,
        expanded, expanding, expansion, keeps open, kept open, keep open, keeping open, temporarily, temporary closure, for christmas, for the
        holidays, for the weekend, for repairs, for refurbishment, closed today, closes today, for the day,
        due to strike, due to a strike, because of a strike, because of strike,
        keep operating, keeps operating, to keep operating, continue operating, continues operating
    die: all rescued, all passengers rescued, everyone rescued, everyone survived, all survived, no deaths,
        no casualties, no fatalities, no one died, nobody died, no one was killed, still alive, alive and well, is alive, is fine, is okay, is ok, doing well, doing fine,
        recovering, in stable condition, in good health, not dead, still with us, is safe, safe
        and well, unharmed, unhurt
    positive: negative, tests negative, tested negative, test negative, in good health
    shoot: safe, unharmed, unhurt, not injured, escapes unhurt, not hit
    fire: back, backs, backed, keeps faith with, vote of confidence, new contract, extends contract,
        contract extension, stays on, to stay, stands by, stood by, standing by, full confidence
    remove: keep, keeps, kept, retain, retains, retained, maintain, maintains, protect, protects, to protect,
        safeguard, safeguards, reinstate, reinstates,
        reinstated, restore, restores, restored, brings back, bring back, brought back, raises, raise,
        increase, increases, hikes, adds, add, added, adding, to add, creates, create, created, creating,
        to create, hiring, hires, to hire, holds steady, held steady, hold
        steady, steady, unchanged, leaves unchanged, left unchanged, keeps unchanged
    contaminate: safe to drink, safe to use, safe to eat, comes back clean, come back clean, came back clean,
        no trace of, all clear, not contaminated
    recall: safe to eat, safe to use, safe to consume, safe to drink, no recall, remains on sale,
        remain on sale, stays on shelves
    move: stay in, stays in, will stay, to stay, staying in, remain in, remains in, will remain
    layoff: hiring, hires, to hire, hire, recruit, recruits, recruiting, adds jobs, add jobs
    fine: cleared, clears, cleared of, escapes fine, no fine, acquitted, wins appeal, won appeal, wins its
        appeal, wins his appeal, wins her appeal, fine overturned, fine quashed, fine scrapped
    ban: allow, allows, allowing, allowed, keep allowing, permit, permits, permitted, falls short, fell short,
        votes short
    invalidate: upholds, upheld, uphold, upholding
    open: stay shut, stays shut, will stay shut, remain shut, remains shut, stay closed, stays closed, remain
        closed, remains closed, will remain closed
    launch: remains in custody, remain in custody, still in custody, remains detained, still detained, extends
        detention, extended detention, remains in detention
    lift: extends, extended, extend, renews, renewed, tightens, tightened, maintains, keeps in place
    alive: found dead, dead, died, dies, body found, remains found, body of
    crash: lands safely, landed safely, land safely, safe landing, touches down safely, touched down
        safely, successful landing, lands successfully, landed successfully
    retire: returns to, return to, comeback, plays on, keep playing, keeps playing, will keep playing,
        continue playing, continues playing, not retiring, will continue, to continue, not done
        yet, not done, not finished, from race, from the race, with injury, with an injury, with knee
        injury, from the match, from the tournament
    cancel: renews, renewed, renewal, renewing, delayed to, pushed back to, postponed to,
        rescheduled for, rescheduled to, back on, is back on, are back on
    stop: extends, extended, extend, prolongs, prolonged, keep flying, keeps flying, to keep flying, keep operating, keeps operating, continue flying,
        continue to fly, continues to fly, continues, continue, continuing, commits to, committed to, keeps making, sticks with,
        will keep
    win: loses, lost, loses to, lost to, runner-up, misses out
    pass: defeated, defeat, defeats, fails to pass, failed to pass, blocked, blocks, voted down, rejected, falls short,
        fell short, votes short
    approve: falls short, fell short, votes short, rejected, rejects, voted down, votes down, turns down, turned down
    block: clears, cleared, approves, approved, waves through, waved through, green light, green-lights,
        gives the go-ahead, allows, allowed
    delay: on schedule, remains on schedule, on track, remains on track, as planned, as scheduled, on time,
        will go ahead as planned, goes ahead as planned
    discontinue: return, returns, will return, is returning, coming back, comes back
    sell: keeps, keep, kept, retains, retain, retained, holds on to, hold on to, not for sale
    discontinue: relaunch, relaunches, relaunched, brings back, bring back, brought back, restock,
        restocks, restocked, here to stay, is here to stay, isn't going anywhere, not going anywhere,
        new shades, new flavours, new flavors, expands, expanded
    ground: keep flying, keeps flying, will keep flying, continue flying, continues flying, continue to
        fly, continues to fly, remain in service, remains in service, stay in service, stays in service,
        return to service, returns to service, returned to service, back in service, cleared to fly,
        resume flights, resumes flights, resumed flights
    impose: fail to agree, fails to agree, failed to agree, exempt, exempts, exempted, exemption, exemptions, spare, spares, spared, waive, waives, waived
    ban: on government devices, in government offices, for government staff, for government employees,
        for officials, for civil servants, in schools, for minors, for children, for under-16s
    settle: fight, fights, to fight, vows to fight, contest, contests, contesting, go to trial, goes to
        trial, heads to trial, defend itself, defend the case
    cancel: as normal, as planned, as scheduled, go ahead, goes ahead, going ahead, went ahead, goes on,
        will go on, to go on, the show goes on,
        will operate, still on, operating normally, operate normally, running normally, run
        normally, adds, added, adding, extra, more flights
    elect: concedes, conceded, concede, loses race, lost race, loses election, lost election,
        defeated, unseated
    lose: keeps, keep, kept, retains, retain, retained, holds on to, held on to, hangs on to, hung
        on to
    jail: walks free, walked free, walk free, spared jail, avoids jail, avoided jail, escapes
        jail, escaped jail, spared prison, avoids prison, avoided prison, suspended sentence, wins
        appeal, won appeal, conviction quashed, conviction overturned
    raise: freeze, freezes, froze, frozen, unchanged, lower, lowers, lowered, cuts, cut, holds,
        held, keeps, kept, pauses, paused
    fail: stayed up, stays up, remained up, remains up, stayed online, remained online, working normally,
        operating normally, running normally, no outage
    success: fails, failed, fail, failure, flops, flopped, falls short, fell short, misses its primary,
        missed its primary, misses primary, missed primary
    demolish: saves, saved, save, saving, spares, spared, reprieve, reprieved, listed building, to be
        restored, will be restored
    renew: to end, will end, ends with, to end with, will end with, final season, last season
    bankrupt: solvent, is solvent, rescued, rescue deal, rescue funding, secures funding, secured
        funding, new funding, avoiding, averting, bailed out, business as
        usual, flights continue, continues to operate, continue to operate
"""
# Chinese words of one event (a word of the claim, then words that say it too): an item with any
# of them says the claim's word. General lexical relations only, like ``EVENT_FAMILIES``.
EVENT_FAMILIES_ZH = """
    辞职: 离职, 请辞, 卸任, 辞去, 离任
    遇害: 被害, 被杀, 杀害, 身亡, 遇难
    停航: 停运, 取消, 停止运营, 暂停
    去世: 逝世, 离世, 病逝, 辞世, 过世
    离婚: 离异
    转会: 加盟, 签下, 签约
    涨价: 上调, 提价, 上涨
    降价: 下调, 调低
    拘留: 刑拘, 拘押, 被拘
    逮捕: 被捕, 拘捕
    被捕: 逮捕, 拘捕
    收购: 并购, 买下, 购入
    获批: 批准, 获准
    停产: 停工, 停止生产
    免职: 免去, 撤职, 解除职务, 被免
    判刑: 被判, 判处, 有期徒刑, 获刑
    罚款: 被罚, 处罚, 罚没
    设厂: 建厂, 投产, 工厂落地, 建设工厂
    建厂: 设厂, 建设工厂
    封号: 封禁, 被封, 禁播
    退市: 终止上市, 摘牌
    裁员: 减员, 裁撤
    倒闭: 关门, 停业, 破产
    开通: 开航, 首航, 开设
    发布: 亮相, 推出, 发布会
    合作: 携手, 联手, 牵手, 战略合作
    解雇: 解约, 解除合同, 开除, 辞退
    退役: 挂靴, 告别赛场
    禁止: 禁行, 禁售, 禁用, 封禁, 严禁
    关闭: 关停, 停止运营, 停运
    下线: 取消, 停用, 移除, 关闭
"""
# Chinese words that name what happened (verbs and event nouns of the news). A claim holding some
# is asserted only by an item holding each of them or a word of its family (``EVENT_FAMILIES_ZH``):
# with 60 % of the claim's pairs, "海港市下月起电动三轮车可进入主城区" lacked only the 禁止 of
# "海港市将从下月起禁止电动三轮车进入主城区" (may enter, for will ban from entering). General words
# only, never a claim's.
EVENT_WORDS_ZH = """
    禁止, 禁用, 禁售, 禁行, 封禁, 退出, 关闭, 关停, 收购, 并购, 合并, 重组, 出售, 裁员, 辞职, 辞任,
    卸任, 去世, 逝世, 召回, 上市, 退市, 破产, 倒闭, 停产, 停业, 开业, 涨价, 降价, 提价, 拘留, 逮捕,
    起诉, 判刑, 罚款, 处罚, 调查, 立案, 离婚, 结婚, 订婚, 退役, 复出, 解雇, 开除, 免职, 撤职, 任命,
    当选, 获批, 暂停, 取消, 推迟, 延期, 停飞, 停运, 撤资, 建厂, 投产, 量产, 坠毁, 爆炸, 失利, 下架,
    限购, 加息, 降息, 增持, 减持, 回购, 分拆, 融资, 开通, 发布, 开源, 合作, 签约, 转会, 退款, 违约,
    停牌, 复牌, 夺冠, 怀孕, 住院, 确诊, 失踪, 遇难, 身亡, 死亡, 受伤, 被捕, 入狱, 出狱, 辞退, 降薪,
    减薪, 罢工, 关店, 闭店, 撤出, 下调, 上调, 封号, 设厂, 遇害, 被害, 被杀, 降级, 停航, 停刊, 下线
"""


def _families_zh() -> dict[str, tuple[str, ...]]:
    """Claim word -> the words that say it too (Chinese)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _entries(EVENT_FAMILIES_ZH):
        word, _, others = line.partition(":")
        out[word.strip()] = _split(others)
    return out


FAMILIES_ZH = _families_zh()
EVENT_WORDS_ZH_SET = frozenset(_split(EVENT_WORDS_ZH))


CONTRARY_EVENTS_ZH = """
    辞职: 留任, 继续担任, 不会辞职, 正常履职, 仍在任
    辞去: 留任, 继续担任
    去世: 健在, 仍在世, 身体健康, 还活着, 仍然活着, 报平安, 我很好, 一切安好, 身体无恙
    离世: 健在, 仍在世, 身体健康, 还活着, 报平安
    关闭: 继续运营, 正常运营, 照常营业, 恢复营业, 重新开放, 装修, 整修, 暂停营业
    停业: 正常营业, 照常营业, 恢复营业, 继续营业, 装修, 整修, 暂停营业, 正常经营, 经营正常
    关停: 继续运营, 正常运营, 恢复生产
    停飞: 正常运营, 恢复飞行, 复飞, 正常执飞, 运行正常, 正常运行
    下调: 上调, 维持不变, 保持不变, 暂不调整
    上调: 下调, 维持不变, 保持不变, 暂不调整
    调查: 正常履职, 正常上班
    暂停: 照常运营, 正常运营, 照常运行, 恢复运营
    停航: 继续运营, 正常运营, 照常运营, 复航, 恢复运营, 恢复航线
    取消: 如期举行, 照常举行, 如期进行, 照常进行
    达到: 未达, 未能达到, 没有达到, 未达到
    成功: 失败, 失利, 告负, 未达, 未达到, 未能达到, 没有达到
    带走: 正常履职, 正常上班
    停产: 继续生产, 恢复生产, 正常生产, 照常生产, 生产正常, 生产经营正常, 生产经营一切正常
    倒闭: 正常经营, 经营正常, 照常营业, 正常营业
    破产: 正常经营, 经营正常
    免职: 正常履职, 仍在任, 继续担任
    封号: 账号正常, 已解封, 解封, 恢复直播, 正常直播
    留置: 正常履职, 正常上班, 正常工作
    被捕: 正常履职, 正常上班, 正常工作
    解雇: 继续带队, 继续执教, 留任, 续约
    解散: 续约, 全员续约, 继续活动
    停播: 如期播出, 正常播出, 继续播出, 照常播出
    停课: 照常上课, 正常上课, 不停课
    加息: 按兵不动, 维持利率不变, 维持基准利率, 利率不变
    降息: 按兵不动, 维持利率不变, 维持基准利率, 利率不变
    解除: 延长, 维持, 继续实施
    释放: 继续羁押, 仍被羁押, 延长羁押
"""


# The Chinese words of an English claim's event, for Chinese items about an English claim (the
# product's seed story: a company reported first by the Chinese press). A line per event, named by
# an English word: a member of a family of ``EVENT_FAMILIES`` (the whole family then) or a word
# of its own (its matching term). General lexical relations only, never a claim's.
CROSS_EVENTS_ZH = """
    die: 去世, 逝世, 离世, 病逝, 辞世, 过世, 身亡, 死亡, 遇难
    kill: 杀害, 击毙, 处决, 斩首, 遇害
    close: 关闭, 关停, 停业, 关店, 闭店, 撤出
    resign: 辞职, 辞任, 卸任, 辞去, 离任, 请辞, 下台
    buy: 收购, 并购, 买下, 购入
    acquire: 收购, 并购, 买下, 购入
    merge: 合并
    launch: 发布, 推出, 亮相, 首发
    ban: 禁止, 禁用, 禁售, 封禁, 禁令
    cancel: 取消, 叫停
    raise: 上调, 提价, 涨价, 上涨
    bankrupt: 破产
    pregnant: 怀孕
    positive: 阳性
    shoot: 枪击, 中枪
    fire: 解雇, 下课, 开除, 辞退, 解约
    fine: 罚款, 罚金
    retire: 退役, 退休, 挂靴
    win: 夺冠, 获胜, 胜出, 荣获, 摘得, 获奖
    lay off: 裁员
    recall: 召回
    relocate: 迁往, 搬迁, 迁移
    suspend: 停赛, 禁赛, 暂停
    elect: 当选
    jail: 入狱, 监禁, 判处
    arrest: 逮捕, 被捕, 拘留, 刑拘, 被拘
    charge: 起诉, 指控, 提起公诉
    divorce: 离婚, 分手, 离异
    split: 离婚, 分手, 离异
    join: 加盟, 加入, 签下
    explode: 爆炸
    crash: 坠毁, 坠机
    approve: 批准, 获批, 获准
    fail: 失败, 失利, 未达
    sign: 签署, 签约, 签下
    partner: 合作, 携手, 联手
"""


def _cross_zh() -> tuple[tuple[frozenset[str], str, tuple[str, ...]], ...]:
    """(family ids, matching term, Chinese words) of each line of ``CROSS_EVENTS_ZH``."""
    out = []
    for line in _entries(CROSS_EVENTS_ZH):
        word, _, phrases = line.partition(":")
        ws = cue_words(word.strip())
        ids = frozenset(families(ws))
        out.append((ids, term(ws[0]) if len(ws) == 1 else "", _split(phrases)))
    return tuple(out)


_CROSS_ZH = _cross_zh()


def cross_words_zh(event_families: frozenset[str], event_terms: frozenset[str]) -> frozenset[str]:
    """The Chinese words of an English claim's event (its families' and its terms')."""
    return frozenset(
        w for ids, t, phrases in _CROSS_ZH if ids & event_families or (t and t in event_terms) for w in phrases
    )


def _phrases_by_family(block: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Event family id -> the phrases (as ``cue_words``) a list of ``word: phrases`` lines gives
    the families of its words (``CONTRARY_EVENTS``, ``OTHER_EVENTS``)."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in _entries(block):
        word, _, phrases = line.partition(":")
        for family in _FAMILY_OF_TERM[term(word.strip())]:
            out[family] = out.get(family, ()) + tuple(cue_words(p) for p in _split(phrases))
    return out


# Other events on the thing of an event, which neither assert nor deny it: a bank opening 40
# new branches says nothing of its closing 40 (``other_event``; read only when the item has no
# word of the claim's own event).
OTHER_EVENTS = """
    close: open, opens, opened, opening, to open, new branches, new stores, new branch, new store, cuts jobs,
        cut jobs, job cuts, jobs at, lays off, layoffs
    discontinue: sold out, sells out, sell out, selling out, best-selling, bestseller
    order: takes delivery, took delivery, delivery of, delivered, receives, received, leases, leased, lease,
        leasing
    die: missing, injured, hurt, rescued, survivors, survive, survived, unaccounted for
    raise: in debt, in funding, in new funding, funding round, in bonds, in capital, from investors, in
        financing, in a share sale, in share sale
    open: eats at, dines at, eat at, dine at, visits, visited, reviews, reviewed, tours, toured, praises,
        closes, closed, closing, picks site, picked site, chooses site, chose site, site for, sales office,
        head office, regional office, flagship store, pop-up store, research centre, research center
    buy: invests in, invest in, invested in, stake in, partners with, partner with
    ban: regulates, regulate, regulated, restricts, restrict, restricted, taxes, tax
    settle: sued, sues, sue, files lawsuit, filed lawsuit, files suit, filed suit, lawsuit filed, faces lawsuit,
        hit with lawsuit
    suspend: cuts, cut, reduces, reduced, halves, halved, trims, trimmed, lowers, lowered
    retire: retires hurt, retired hurt, retires injured, retired injured
    launch: teases, teased, leaks, leaked, previews, previewed, spotted, spotted on, certification, certified,
        patent, patents, patented
"""


_OTHER_EVENT = _phrases_by_family(OTHER_EVENTS)


def has_other_event(claim_families: frozenset[str]) -> bool:
    """Whether ``OTHER_EVENTS`` lists anything for these event families."""
    return any(family in _OTHER_EVENT for family in claim_families)


def other_event(claim_families: frozenset[str], text: str) -> str:
    """The first phrase of a text naming another event on the claim's event's thing ("opens" for
    a claim that something closes), or ""."""
    ws = cue_words(text)
    present = set(ws)
    for family in sorted(claim_families):
        for phrase in _OTHER_EVENT.get(family, ()):
            if phrase and phrase[0] in present and any(
                ws[k : k + len(phrase)] == phrase for k in range(len(ws) - len(phrase) + 1)
            ):
                return " ".join(phrase)
    return ""


def _contrary_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(event characters, contrary substrings) of the Chinese list."""
    out = []
    for line in _entries(CONTRARY_EVENTS_ZH):
        event, _, phrases = line.partition(":")
        out.append((event.strip(), _split(phrases)))
    return tuple(out)


_CONTRARY = _phrases_by_family(CONTRARY_EVENTS)
_CONTRARY_ZH = _contrary_zh()


def _contraries_in(claim_families: frozenset[str], ws: Sequence[str]) -> Iterator[tuple[tuple[str, ...], int, bool]]:
    """Each place in the words ``ws`` of a phrase saying the opposite of the claim's event: the
    phrase, where it starts, and whether a negation stands in the two words before it."""
    present = set(ws)
    for family in sorted(claim_families):
        for phrase in _CONTRARY.get(family, ()):
            if not phrase or phrase[0] not in present:
                continue  # most phrases' first word is not in the text at all
            for k in range(len(ws) - len(phrase) + 1):
                if ws[k : k + len(phrase)] == phrase:
                    yield phrase, k, bool(_NEGATORS.intersection(ws[max(0, k - 2) : k]))


def negated_contrary(claim_families: frozenset[str], text: str) -> str:
    """A phrase saying the opposite of the claim's event right after a negation ("will not
    return" for "discontinues"): a double negative, which says the event. "" if none."""
    ws = cue_words(text)
    return next(
        (" ".join(ws[max(0, k - 2) : k + len(p)]) for p, k, negated in _contraries_in(claim_families, ws) if negated), ""
    )


def contrary(
    claim_families: frozenset[str], claim_folded: str, text: str, claim_zh: frozenset[str] = frozenset()
) -> str:
    """The longest phrase of a text saying the opposite of the claim's event ("stays on" when the
    claim's event is of the family of "resign"; 留任 when a Chinese claim says 辞职), or "". A
    phrase right after a negation says no opposite ("will not stay on", 未公开露面).
    ``claim_families``: the claim's event families; ``claim_folded``: its folded text;
    ``claim_zh``: an English claim's event in Chinese words (``cross_words_zh``)."""
    found = [" ".join(p) for p, _, negated in _contraries_in(claim_families, cue_words(text)) if not negated]
    if UNSPACED_RE.search(claim_folded) or (claim_zh and UNSPACED_RE.search(text)):
        folded = fold(text)
        found += [
            p
            for event, phrases in _CONTRARY_ZH
            if event in claim_folded or event in claim_zh
            for p in phrases
            if any(not _NEGATORS_ZH.intersection(folded[max(0, k - 2) : k]) for k in _at(folded, p))
        ]
    return max(found, key=len, default="")  # the longest says most: "vows to stay" over "to stay"


# English negation words ("not", "won't", "no"), for the checks that read a negation beside
# something else than a claim term.
NEGATION_WORDS = frozenset(TABLES["en"].phrases["negation"])
# Words just before an opposite that turn it round ("won't stay on", "no longer stays"; 不, 未, 没
# in Chinese).
_NEGATORS = NEGATION_WORDS | {"longer"}
_NEGATORS_ZH = frozenset("不未没无")


def _at(text: str, phrase: str) -> list[int]:
    """Where a phrase starts in a text, each time."""
    return [m.start() for m in re.finditer(re.escape(phrase), text)]
