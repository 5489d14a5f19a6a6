import { Decimal } from "@intersettle/shared";

/**
 * The document's tax split over its lines in proportion to their nets, each share rounded to `decimals`, the shares
 * adding up exactly to `tax`: the units rounding leaves over go to the largest remainders. Nets may be negative (an
 * adjustment taking usage away), so shares are signed like their lines.
 */
export function lineTaxShares(nets: readonly Decimal[], tax: Decimal, decimals: number): Decimal[] {
  if (nets.length === 0) return [];
  const total = nets.reduce((sum, net) => sum.plus(net), new Decimal(0));
  // Nothing to weigh by: the tax (zero, since tax is a rate of the net) goes on the first line.
  if (total.isZero()) return nets.map((_, i) => (i === 0 ? tax : new Decimal(0)));
  const exact = nets.map((net) => tax.times(net).dividedBy(total));
  const shares = exact.map((e) => e.toDecimalPlaces(decimals, Decimal.ROUND_DOWN));
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(decimals));
  let leftover = tax.minus(shares.reduce((sum, s) => sum.plus(s), new Decimal(0)));
  const order = exact.map((e, i) => ({ i, remainder: e.minus(shares[i]).abs() })).sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  for (let k = 0; !leftover.isZero(); k = (k + 1) % order.length) {
    const step = leftover.isPositive() ? unit : unit.negated();
    shares[order[k].i] = shares[order[k].i].plus(step);
    leftover = leftover.minus(step);
  }
  return shares;
}
