import type { TurnContext } from 'botbuilder';

/** Whether this turn's text was cut to the part understanding reads (bot/inputLimitMiddleware.ts). */
const CUT_KEY = Symbol('turnInputCut');

export function setTurnInputCut(context: TurnContext): void {
  context.turnState.set(CUT_KEY, true);
}

export function turnInputWasCut(context: TurnContext): boolean {
  return context.turnState.get(CUT_KEY) === true;
}
