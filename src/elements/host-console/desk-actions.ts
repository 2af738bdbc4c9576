/**
 * The console's actions that only change the operator's desk (nothing goes out): planning, the
 * question bank, the product list. Sending actions stay in the element, behind its outbox.
 */
import { defaultRhythm } from '../../core/rhythm.js';
import { clampNumber, parseProducts, parseQuestionForm, formReader } from '../../core/console-forms.js';
import { parseBank } from '../../core/quiz-bank.js';
import { loadShopProduct } from '../../core/shop-catalog.js';
import type { ConsoleStep } from '../../core/console-desk.js';
import type { ConsoleDeskStore } from '../../controllers/console-desk.js';
import type { ConsoleDrafts } from '../../controllers/console-drafts.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { kindLabel, reasonOf, type ConsoleActions, type Strings } from './panel-context.js';

export interface DeskActionHost {
  readonly localize: LocalizeController<Strings>;
  readonly desk: ConsoleDeskStore;
  readonly drafts: ConsoleDrafts;
  /** The show's clock (ms). */
  now(): number;
  /** When the show started (planning starts there), or `null` before it did. */
  startedAt(): number | null;
  showMinutes(): number;
  setShowMinutes(minutes: number): void;
  /** Shows a problem ('' clears it). */
  setProblem(text: string): void;
}

type DeskActions = Pick<ConsoleActions, 'setShowMinutes' | 'planShow' | 'addStep' | 'editStep' | 'removeStep' | 'importBank' | 'exportBank' | 'addQuestion' | 'importProducts' | 'loadShopProduct'>;


export function deskActions(host: DeskActionHost): DeskActions {
  const { localize, desk, drafts } = host;
  return {
    setShowMinutes: (value) => host.setShowMinutes(clampNumber(value, 15, 600, 90)),
    planShow: () => {
      const plan = defaultRhythm({
        start: host.startedAt() ?? host.now(),
        minutes: host.showMinutes(),
        prompt: localize.term('defaultPrompt'),
        titleOf: (kind) => kindLabel(localize, kind),
      });
      desk.update({ plan, fired: [] });
    },
    addStep: () => {
      const last = desk.desk.plan.reduce((latest, step) => Math.max(latest, step.at), host.now());
      const step: ConsoleStep = {
        id: `perk-${Date.now().toString(36)}`,
        kind: 'flash',
        at: Math.round(last + 17 * 60_000),
        lead: 90,
        prompt: localize.term('defaultPrompt'),
        title: kindLabel(localize, 'flash'),
      };
      desk.update({ plan: [...desk.desk.plan, step] });
    },
    editStep: (id, change) => desk.update({ plan: desk.desk.plan.map((step) => (step.id === id ? { ...step, ...change } : step)) }),
    removeStep: (id) => desk.update({ plan: desk.desk.plan.filter((step) => step.id !== id) }),
    importBank: (raw) => {
      try {
        desk.setExtra('bank', parseBank(raw));
        host.setProblem('');
      } catch (error) {
        host.setProblem(localize.term('invalidBank', reasonOf(error)));
      }
    },
    exportBank: () => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(desk.bank, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: 'linger-questions.json' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
    addQuestion: (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      try {
        const question = parseQuestionForm(formReader(new FormData(form)));
        desk.setExtra('bank', [...desk.bank, question]);
        drafts.clear('quiz.');
        form.reset();
        host.setProblem('');
      } catch (error) {
        host.setProblem(localize.term('actionFailed', reasonOf(error)));
      }
    },
    importProducts: (raw) => {
      try {
        desk.update({ products: parseProducts(raw) });
        host.setProblem('');
      } catch (error) {
        host.setProblem(localize.term('invalidJson', reasonOf(error)));
      }
    },
    loadShopProduct: (handle) => {
      loadShopProduct(handle).then(
        (product) => {
          desk.update({ products: [...desk.desk.products.filter((item) => item.id !== product.id), product] });
          host.setProblem('');
        },
        (error: unknown) => host.setProblem(localize.term('loadFailed', reasonOf(error))),
      );
    },
  };
}
