// typedoc plugin (typedoc.json "plugin"), so `treatWarningsAsErrors` can stay on:
//
// 1. Every element's `static styles` is left out of the API docs (as an `@hidden` tag on each would
//    do by hand): it is Lit's CSS plumbing, and the comment it inherits from Lit links to
//    `{@linkcode css}`, which typedoc cannot resolve.
// 2. valibot's inferred object types (`v.InferOutput<typeof schema>`) give a property symbol
// the same declaration twice, and typedoc 0.28 then warns "<name> has multiple declarations with a
// comment" although both "declarations" are one line of one file. The warning is dropped only when
// every listed location is identical; a real duplicate is still reported.
import { Converter, ReflectionKind } from 'typedoc';

const WARNING = /^(.+) has multiple declarations with a comment\. An arbitrary comment will be used$/;
const LOCATIONS = /^The comments for (.+) are declared at:\n\t([\s\S]*)$/;

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      if (reflection.name === 'styles' && reflection.flags.isStatic && reflection.parent?.kindOf(ReflectionKind.Class)) {
        context.project.removeReflection(reflection);
      }
    }
  });
  silenceDuplicateCommentWarnings(app);
}

/** @param {import('typedoc').Application} app */
function silenceDuplicateCommentWarnings(app) {
  const { logger } = app;
  const warn = logger.warn.bind(logger);
  const info = logger.info.bind(logger);
  /** A matching warning waits for the info line that lists its locations. */
  let pending = null;
  const flush = () => {
    if (pending) warn(...pending);
    pending = null;
  };
  logger.warn = (...args) => {
    flush();
    if (typeof args[0] === 'string' && WARNING.test(args[0])) pending = args;
    else warn(...args);
  };
  logger.info = (...args) => {
    const held = pending;
    pending = null;
    const match = typeof args[0] === 'string' ? LOCATIONS.exec(args[0]) : null;
    if (held && match && match[1] === WARNING.exec(held[0])[1] && new Set(match[2].split('\n\t')).size === 1) return;
    if (held) warn(...held);
    info(...args);
  };
  for (const level of ['error', 'verbose']) {
    const original = logger[level].bind(logger);
    logger[level] = (...args) => {
      flush();
      original(...args);
    };
  }
}
