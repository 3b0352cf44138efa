"""The rules of out-of-scope.txt: which cases Kiln does not aim to pass.

Each line is `KIND VALUE...  # reason`:
  element-types T...  the element types in scope; a model declaring a tensor
                      of any other element type is out of scope
  value-kind K        a model with a value of kind K (sequence, optional, map,
                      sparse_tensor) in a graph's inputs, outputs or value_info
  domain D            a model with a node of operator domain D
  op PATTERN          a model with a node of the default domain whose op type
                      matches PATTERN (fnmatch: `*` matches any text)
  case NAME           the named case
"""

import fnmatch
from dataclasses import dataclass


class RulesError(Exception):
    pass


@dataclass(frozen=True)
class Rule:
    kind: str
    values: tuple
    reason: str


KINDS = ("element-types", "value-kind", "domain", "op", "case")


def parse_rules(text, source="out-of-scope.txt"):
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        content, _, reason = line.partition("#")
        words = content.split()
        if not words:
            continue
        kind, values = words[0], tuple(words[1:])
        where = f"{source}:{number}"
        if kind not in KINDS:
            raise RulesError(f"{where}: unknown kind '{kind}' (expected one of {', '.join(KINDS)})")
        if not values or (kind != "element-types" and len(values) != 1):
            raise RulesError(f"{where}: '{kind}' expects {'values' if kind == 'element-types' else 'one value'}")
        if not reason.strip():
            raise RulesError(f"{where}: the entry needs a reason after '#'")
        rules.append(Rule(kind, values, reason.strip()))
    return rules


def read_rules(path):
    with open(path, encoding="utf-8") as file:
        return parse_rules(file.read(), path)


def named_cases(rules):
    return [rule.values[0] for rule in rules if rule.kind == "case"]


def _trigger(rule, case_name, info):
    """What in the model makes `rule` apply, or None."""
    if rule.kind == "case":
        return "listed by name" if case_name == rule.values[0] else None
    if rule.kind == "element-types":
        outside = sorted(info.element_types - set(rule.values))
        return "element type " + ", ".join(outside) if outside else None
    if rule.kind == "value-kind":
        return f"{rule.values[0]} values" if rule.values[0] in info.value_kinds else None
    if rule.kind == "domain":
        return f"domain {rule.values[0]}" if any(d == rule.values[0] for d, _ in info.ops) else None
    matched = sorted(op for domain, op in info.ops
                     if not domain and fnmatch.fnmatchcase(op, rule.values[0]))
    return "op " + ", ".join(matched) if matched else None


def out_of_scope_reason(rules, case_name, info):
    """Why the case is out of scope (the first rule that applies), or None."""
    for rule in rules:
        trigger = _trigger(rule, case_name, info)
        if trigger:
            return f"{trigger}: {rule.reason}"
    return None
