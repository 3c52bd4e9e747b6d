"""Budget execution: each line's approved amount against its expenses, flat-rate lines computed from the
others, the funder's thresholds for explanations and prior approval, and who spent what (per beneficiary)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from grantreports.figures.traceability import Contribution
from grantreports.funders.profiles import Profile
from grantreports.inputs.model import BudgetLine, BudgetNote, Expense, FinancingSource, GrantData, Period, Source, documented

CENT = Decimal("0.01")


@dataclass(frozen=True)
class BudgetLineExecution:
    code: str = documented("Budget line code", "5")
    category: str = documented("Budget heading", "Publicitāte")
    description: str | None = documented("What the line covers", "Informatīvie materiāli")
    approved: Decimal = documented("Approved amount (the original budget)", "1200.00")
    spent_in_period: Decimal = documented("Expenses dated in the period", "1190.00")
    spent_to_date: Decimal = documented("Expenses from the grant's start to the period's end", "1610.00")
    remaining: Decimal = documented("approved − spent_to_date: what is left to spend", "-410.00")
    variance: Decimal = documented("spent_to_date − approved: positive when over budget (the sign of deviation)", "410.00")
    used: Decimal | None = documented("spent_to_date ÷ approved", "1.3417")
    deviation: Decimal | None = documented("variance ÷ approved: positive when over budget", "0.3417")
    over_budget: bool = documented("Spent more than approved", "true")
    flagged: bool = documented("Over the funder's allowed overspend (budget_line_overspend); needs an explanation", "true")
    needs_approval: bool = documented("Over the share the funder allows without prior approval (prior_approval_over)", "false")
    explanation: str | None = documented("From the budget_notes sheet, for this report", "Video montāža forumu ierakstiem")
    approval_reference: str | None = documented("The funder's prior approval (budget_notes sheet), for this report", "")
    flat_rate: Decimal | None = documented(
        "A flat-rate line's rate of the other lines (profile: flat_rate_lines); empty for others", "0.07"
    )
    expenses: list[Expense] = documented("Expenses of the line dated in the period, by date (none on a flat-rate line)", "")
    contributions: list[Contribution] = documented(
        "The expense rows behind spent_in_period and spent_to_date (for a flat-rate line: the other lines' rows, times the rate)", ""
    )
    source: Source | None = documented("The budget sheet row of the line (empty for the total)", "")


@dataclass(frozen=True)
class BeneficiaryLine:
    code: str = documented("Budget line code", "A")
    category: str = documented("Budget heading", "Staff costs")
    spent_in_period: Decimal = documented("The beneficiary's costs on the line in the period", "5400.00")
    spent_to_date: Decimal = documented("The beneficiary's costs on the line to date", "11200.00")


@dataclass(frozen=True)
class BeneficiaryStatement:
    """One organisation's costs by budget line (expenses sheet: organisation; the grantee when empty)."""

    name: str = documented("The beneficiary", "Biedrība „Partnerība Daugavkrasts”")
    lines: list[BeneficiaryLine] = documented("Its costs per budget line, every line of the budget", "")
    spent_in_period: Decimal = documented("Its costs in the period", "7800.00")
    spent_to_date: Decimal = documented("Its costs to date", "15400.00")


def budget_execution(data: GrantData, period: Period, profile: Profile) -> list[BudgetLineExecution]:
    """Every budget line's execution up to the end of `period`, in budget order, flagged by the funder's thresholds."""
    notes = {n.line_code: n for n in data.budget_notes if n.period_to == period.period_to}
    paid = sorted((e for e in data.expenses if e.date <= period.period_to), key=lambda e: (e.date, e.document_number))
    lines = {
        line.line_code: _flat_rate_line(line, profile, paid, data, period)
        if line.line_code in profile.flat_rate_lines
        else _direct_line(line, paid, period)
        for line in data.budget
    }
    return [_judged(lines[line.line_code], line, profile, notes.get(line.line_code)) for line in data.budget]


def budget_total(lines: list[BudgetLineExecution]) -> BudgetLineExecution:
    def total(name: str) -> Decimal:
        return sum((getattr(line, name) for line in lines), Decimal(0))

    return BudgetLineExecution(
        code="",
        category="",
        description=None,
        **_execution(total("approved"), total("spent_in_period"), total("spent_to_date")),
        flagged=False,
        needs_approval=False,
        explanation=None,
        approval_reference=None,
        flat_rate=None,
        expenses=[],
        contributions=[c for line in lines for c in line.contributions],
        source=None,
    )


def beneficiary_statements(data: GrantData, period: Period, profile: Profile) -> list[BeneficiaryStatement]:
    """Each organisation's costs by line: the grantee first, then its partners, then others by name. A flat-rate
    line is each one's rate of its own direct costs, so the statements add up to the budget's lines."""
    grantee = data.grant.grantee
    payers = _by_payer([e for e in data.expenses if e.date <= period.period_to], grantee)
    payers.setdefault(grantee, [])
    order = [grantee, *(p for p in data.grant.partners if p in payers)]
    direct = _direct_codes(data, profile)
    statements = []
    for name in order + sorted(set(payers) - set(order)):
        lines = [
            BeneficiaryLine(line.line_code, line.category, *_amounts(line.line_code, profile, payers[name], direct, period))
            for line in data.budget
        ]
        statements.append(
            BeneficiaryStatement(
                name,
                lines,
                sum((line.spent_in_period for line in lines), Decimal(0)),
                sum((line.spent_to_date for line in lines), Decimal(0)),
            )
        )
    return statements


def _amounts(code: str, profile: Profile, expenses: list[Expense], direct: set[str], period: Period) -> tuple[Decimal, Decimal]:
    """One payer's costs on a line, in the period and to date: its expenses on the line, or on a flat-rate
    line the rate of its costs on the direct lines. The one place a flat rate is applied."""
    rate = profile.flat_rate_lines.get(code)
    own = [e for e in expenses if (e.line_code in direct if rate is not None else e.line_code == code)]
    in_period, to_date = _sum(own, period, in_period_only=True), _sum(own, period)
    return (in_period, to_date) if rate is None else (_rated(rate, in_period), _rated(rate, to_date))


def _by_payer(expenses: list[Expense], grantee: str) -> dict[str, list[Expense]]:
    payers: dict[str, list[Expense]] = {}
    for expense in expenses:
        payers.setdefault(expense.organisation or grantee, []).append(expense)
    return payers


def _direct_codes(data: GrantData, profile: Profile) -> set[str]:
    return {line.line_code for line in data.budget if line.line_code not in profile.flat_rate_lines}


def flat_rate_amount(rate: Decimal, base: Decimal) -> Decimal:
    """A flat-rate line's amount of its base, to the cent, half up (as the funder's forms compute it)."""
    return _rated(rate, base)


def _sum(expenses: list[Expense], period: Period, in_period_only: bool = False) -> Decimal:
    return sum((e.amount for e in expenses if not in_period_only or period.contains(e.date)), Decimal(0))


def _rated(rate: Decimal, base: Decimal) -> Decimal:
    return (rate * base).quantize(CENT, rounding=ROUND_HALF_UP)


def _execution(approved: Decimal, in_period: Decimal, to_date: Decimal) -> dict:
    return dict(
        approved=approved,
        spent_in_period=in_period,
        spent_to_date=to_date,
        remaining=approved - to_date,
        variance=to_date - approved,
        used=to_date / approved if approved else None,
        deviation=(to_date - approved) / approved if approved else None,
        over_budget=to_date > approved,
    )


def _contribution(expense: Expense, period: Period, rate: Decimal | None = None) -> Contribution:
    note = f"{expense.date:%d.%m.%Y} {expense.document_number} {expense.description or ''}".strip()
    if rate is None:
        return Contribution(expense.source, expense.amount, period.contains(expense.date), note)
    return Contribution(expense.source, rate * expense.amount, period.contains(expense.date), f"{(rate * 100).normalize():f} % × {note}")


def _direct_line(line: BudgetLine, paid: list[Expense], period: Period) -> dict:
    own = [e for e in paid if e.line_code == line.line_code]
    return dict(
        figures=_execution(line.approved, _sum(own, period, in_period_only=True), _sum(own, period)),
        expenses=[e for e in own if period.contains(e.date)],
        contributions=[_contribution(e, period) for e in own],
        flat_rate=None,
    )


def _flat_rate_line(line: BudgetLine, profile: Profile, paid: list[Expense], data: GrantData, period: Period) -> dict:
    """Each payer's rate of its own direct costs, summed: what beneficiary_statements shows, line by line."""
    direct = _direct_codes(data, profile)
    parts = [_amounts(line.line_code, profile, own, direct, period) for own in _by_payer(paid, data.grant.grantee).values()]
    return dict(
        figures=_execution(line.approved, sum((p[0] for p in parts), Decimal(0)), sum((p[1] for p in parts), Decimal(0))),
        expenses=[],
        contributions=[_contribution(e, period, profile.flat_rate_lines[line.line_code]) for e in paid if e.line_code in direct],
        flat_rate=profile.flat_rate_lines[line.line_code],
    )


def _judged(computed: dict, line: BudgetLine, profile: Profile, note: BudgetNote | None) -> BudgetLineExecution:
    figures = computed["figures"]

    def over(share: Decimal | None) -> bool:
        return share is not None and figures["spent_to_date"] > line.approved * (1 + share)

    return BudgetLineExecution(
        code=line.line_code,
        category=line.category,
        description=line.description,
        **figures,
        flagged=over(profile.budget_line_overspend or Decimal(0)),
        needs_approval=over(profile.prior_approval_over),
        explanation=note and note.explanation,
        approval_reference=note and note.approval_reference,
        flat_rate=computed["flat_rate"],
        expenses=computed["expenses"],
        contributions=computed["contributions"],
        source=line.source,
    )


@dataclass(frozen=True)
class FinancingLine:
    source: str = documented("Source of financing (financing sheet)", "Eiropas Sociālais fonds")
    planned: Decimal = documented("Its amount in the contract", "15725.00")
    share: Decimal = documented("planned ÷ the sum of the sources", "0.85")
    spent_in_period: Decimal = documented("Its share of the spending in the period (the cents split so that the sources add up)", "4250.00")
    spent_to_date: Decimal = documented("Its share of the spending to date", "13125.00")


def financing_split(sources: list[FinancingSource], total: BudgetLineExecution) -> list[FinancingLine]:
    """The spending split by source in proportion to the planned amounts, to the cent; the cents left over by
    rounding go to the sources with the largest remainders, so the split adds up to the budget's total exactly."""
    planned = sum((s.amount for s in sources), Decimal(0))
    if not planned:
        return []
    shares = [s.amount / planned for s in sources]
    in_period, to_date = _split(total.spent_in_period, shares), _split(total.spent_to_date, shares)
    return [
        FinancingLine(s.funding_source, s.amount, share, period_part, to_date_part)
        for s, share, period_part, to_date_part in zip(sources, shares, in_period, to_date, strict=True)
    ]


def _split(amount: Decimal, shares: list[Decimal]) -> list[Decimal]:
    if amount < 0:  # refunds beyond the spending: split what was returned, the same way
        return [-part for part in _split(-amount, shares)]
    exact = [amount * share for share in shares]
    parts = [value.quantize(CENT, rounding=ROUND_DOWN) for value in exact]
    left = int((amount - sum(parts, Decimal(0))) / CENT)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in by_remainder[:left]:
        parts[index] += CENT
    return parts
