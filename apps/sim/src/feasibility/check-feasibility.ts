import { MdrpInstance } from '../mdrp/instance';
import { MdrpSolution } from '../solution/solution';
import { assignmentViolations } from './check-assignments';
import { moveViolations } from './check-moves';

export interface FeasibilityReport {
  readonly feasible: boolean;
  readonly violations: readonly string[];
}

/** Replays the public evaluator's feasibility rules (README, "Solution files"). */
export function checkFeasibility(instance: MdrpInstance, solution: MdrpSolution): FeasibilityReport {
  const violations = [...assignmentViolations(instance, solution), ...moveViolations(instance, solution)];
  return { feasible: violations.length === 0, violations };
}
