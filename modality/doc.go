// Package modality decides whether a candidate event trigger reports
// something that happened.
//
// The coder finds a candidate trigger (a verb such as "met", or a noun such
// as "talks") and asks Classify for the trigger's status in its sentence.
// Classify is rule based and works on lowercased tokens only: it scans the
// trigger's clause (bounded by punctuation, conjunctions and subordinators)
// for negation, modal verbs, complement-taking verbs ("refused to",
// "pledged to", "urged X to"), conditional subordinators, forecast words
// and, for nominal triggers, the auxiliary chain that follows them
// ("talks were not held", "a summit is likely").
//
// The statuses, and what the coder is expected to do with them:
//
//	Asserted      reported as having happened: code it.
//	Reported      happened according to a source ("reportedly", "it has
//	              been reported that", "according to"): code it.
//	Negated       did not happen ("has not responded", "no talks were
//	              held", "failed to", "denied that", "without"): drop.
//	Refusal       an actor refused or rejected doing it ("refused to meet",
//	              "declined to", "said it would not attend"): code the
//	              refusal as CAMEO 12x, not the action.
//	Hypothetical  conditional, possible, wished or obligatory ("if",
//	              "unless", "would", "could", "might", "may", "should",
//	              "wants to", "considering"): drop.
//	Future        scheduled or predicted by the narrator, not stated by an
//	              actor ("will", "is to", "is set to", "the planned visit",
//	              "scheduled for"): drop (or code as intent with low
//	              confidence).
//	Forecast      an analyst's prediction ("is likely", "is expected to",
//	              "probably"): drop.
//	Intent        an actor states that it will do it ("X said it would
//	              send", "pledged to", "vowed to", "plans to", "agreed to",
//	              "ready to"): code as the matching CAMEO 03x intent.
//	Proposal      an actor proposed it ("proposed the return of",
//	              "suggested the resumption of"): code as 03x intent or the
//	              proposal verb's own code, not the action.
//	Appeal        an actor asked another to do it ("urged X to release",
//	              "called for talks"): code as 02x appeal.
//	Demand        an actor demanded it ("demanded that X withdraw"): code
//	              as 10x demand.
//	Threat        an actor threatened it ("threatened to impose
//	              sanctions", "warned it would strike"): code as 13x.
//	Attempt       an actor tried to do it ("tried to", "attempted to",
//	              "sought to"): drop unless the pattern codes the attempt.
//	              An effort still under way ("is trying to", "efforts
//	              to", "aims to") is Hypothetical: it reports no outcome.
//	Alleged       one actor accuses another of it ("accused X of
//	              attacking"): code the accusation (11x), not the action.
//	Question      the sentence asks whether it happened: drop.
//	Referenced    the trigger is a noun that another event is about
//	              ("condemned the attack", "investigating Monday's
//	              bombing", "claimed responsibility for the blast"):
//	              code the condemning or investigating, not this one.
//
// Status.Happened reports whether the action itself took place (Asserted,
// Reported). Classify never panics and does not allocate on the common
// path except for the reason string.
package modality
