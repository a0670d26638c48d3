// Runs the inline examples of a rule set: every rule's `example:` must
// produce a claim from that rule with the stated fields, every `counter:`
// must produce none, every veto example must remove the named rule's claim,
// every frame example must find a term of the named set, and every
// comparison example must agree or conflict as stated. Relative dates
// resolve against the file's `test-ref`.
#ifndef PARALLAX_RULES_EXAMPLES_H_
#define PARALLAX_RULES_EXAMPLES_H_

#include "rules/diagnostics.h"
#include "rules/rule_set.h"

namespace parallax {

// Reports each failure as an error at the example's line.
ExampleStats CheckExamples(const RuleSet& rules, Diagnostics& diagnostics);

}  // namespace parallax

#endif  // PARALLAX_RULES_EXAMPLES_H_
