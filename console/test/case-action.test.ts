import { describe, expect, it } from 'vitest';
import { awaitsAttach, NO_PROGRESS, runCaseAction, type ActionProgress, type CaseActionSteps } from '../src/components/case-action';

/**
 * The resolve dialog's steps against a stand-in of the two services that behaves like them: the case moves once
 * (a second resolveCase is refused, as cases refuses a case that is no longer IN_PROGRESS), and media attaches an
 * upload to one owner once (attaching it again returns the same attachment and creates none).
 */
function services(options: { failAttach?: number; loseAttachAnswer?: number; failUpload?: string[] } = {}) {
  const state = { uploads: [] as string[], resolved: 0, attachments: new Map<string, string>(), attachCalls: 0 };
  let failAttach = options.failAttach ?? 0;
  let loseAttachAnswer = options.loseAttachAnswer ?? 0;
  const failUpload = [...(options.failUpload ?? [])];
  const steps: CaseActionSteps<string> = {
    async upload(photo) {
      const refused = failUpload.indexOf(photo);
      if (refused >= 0) {
        failUpload.splice(refused, 1);
        throw new Error(`upload of ${photo} cut`);
      }
      const id = `upload-${state.uploads.length + 1}`;
      state.uploads.push(photo);
      return id;
    },
    async apply() {
      if (state.resolved > 0) throw new Error('CONFLICT: the case is RESOLVED');
      state.resolved += 1;
    },
    async attach(uploadIds) {
      state.attachCalls += 1;
      if (failAttach > 0) {
        failAttach -= 1;
        throw new Error('network error');
      }
      for (const id of uploadIds) if (!state.attachments.has(id)) state.attachments.set(id, 'case-1');
      if (loseAttachAnswer > 0) {
        loseAttachAnswer -= 1;
        throw new Error('connection reset (media attached, the answer was lost)');
      }
    },
  };
  return { state, steps };
}

async function attempt(photos: string[], progress: ActionProgress, steps: CaseActionSteps<string>) {
  let saved = progress;
  try {
    await runCaseAction(photos, progress, steps, (next) => (saved = next));
    return { ok: true, progress: saved };
  } catch (error) {
    return { ok: false, error: String(error), progress: saved };
  }
}

describe('resolve with photos: upload, resolveCase, attachMedia (issue 18)', () => {
  it('all goes well: each photo uploaded once, the case resolved once, the photos attached', async () => {
    const { state, steps } = services();
    const result = await attempt(['a.jpg', 'b.jpg'], NO_PROGRESS, steps);
    expect(result).toEqual({ ok: true, progress: { uploadIds: ['upload-1', 'upload-2'], applied: true, attached: true } });
    expect(state).toMatchObject({ uploads: ['a.jpg', 'b.jpg'], resolved: 1, attachCalls: 1 });
    expect([...state.attachments.keys()]).toEqual(['upload-1', 'upload-2']);
  });

  it('resolveCase succeeds and attachMedia fails: the dialog keeps the uploads and offers the attach; the retry neither uploads nor resolves again', async () => {
    const { state, steps } = services({ failAttach: 1 });
    const first = await attempt(['a.jpg', 'b.jpg'], NO_PROGRESS, steps);
    expect(first.ok).toBe(false);
    expect(first.progress).toEqual({ uploadIds: ['upload-1', 'upload-2'], applied: true, attached: false });
    expect(awaitsAttach(first.progress)).toBe(true);
    expect(state.attachments.size).toBe(0);

    const retry = await attempt(['a.jpg', 'b.jpg'], first.progress, steps);
    expect(retry).toEqual({ ok: true, progress: { uploadIds: ['upload-1', 'upload-2'], applied: true, attached: true } });
    expect(awaitsAttach(retry.progress)).toBe(false);
    expect(state).toMatchObject({ uploads: ['a.jpg', 'b.jpg'], resolved: 1, attachCalls: 2 });
    expect([...state.attachments.keys()]).toEqual(['upload-1', 'upload-2']);
  });

  it('an attach whose answer was lost after media made it: the retry attaches the same uploads again, and nothing is duplicated', async () => {
    const { state, steps } = services({ loseAttachAnswer: 1 });
    const first = await attempt(['a.jpg'], NO_PROGRESS, steps);
    expect(first.ok).toBe(false);
    expect(awaitsAttach(first.progress)).toBe(true);
    expect(state.attachments.size).toBe(1);
    const retry = await attempt(['a.jpg'], first.progress, steps);
    expect(retry.ok).toBe(true);
    expect(state.attachments.size).toBe(1);
    expect(state.resolved).toBe(1);
  });

  it('before this change the retry sent resolveCase again and was refused: that path is never taken once the case moved', async () => {
    const { state, steps } = services({ failAttach: 1 });
    const first = await attempt(['a.jpg'], NO_PROGRESS, steps);
    // Starting over (what the old dialog did on OK) uploads again and is refused by cases.
    const over = await attempt(['a.jpg'], NO_PROGRESS, steps);
    expect(over).toMatchObject({ ok: false, error: 'Error: CONFLICT: the case is RESOLVED' });
    expect(state.attachments.size).toBe(0);
    // The kept progress does it.
    expect((await attempt(['a.jpg'], first.progress, steps)).ok).toBe(true);
    expect([...state.attachments.keys()]).toEqual(['upload-1']);
  });

  it('a cut upload stops the action before the case moves; the retry uploads only the photo that failed', async () => {
    const { state, steps } = services({ failUpload: ['b.jpg'] });
    const first = await attempt(['a.jpg', 'b.jpg'], NO_PROGRESS, steps);
    expect(first).toMatchObject({ ok: false, error: 'Error: upload of b.jpg cut' });
    expect(first.progress).toEqual({ uploadIds: ['upload-1'], applied: false, attached: false });
    expect(awaitsAttach(first.progress)).toBe(false);
    expect(state.resolved).toBe(0);
    const retry = await attempt(['a.jpg', 'b.jpg'], first.progress, steps);
    expect(retry).toEqual({ ok: true, progress: { uploadIds: ['upload-1', 'upload-2'], applied: true, attached: true } });
    expect(state.uploads).toEqual(['a.jpg', 'b.jpg']);
  });

  it('an action without photos is the case mutation alone, and nothing waits to be attached', async () => {
    const { state, steps } = services();
    const result = await attempt([], NO_PROGRESS, steps);
    expect(result).toEqual({ ok: true, progress: { uploadIds: [], applied: true, attached: false } });
    expect(awaitsAttach(result.progress)).toBe(false);
    expect(state.attachCalls).toBe(0);
  });
});
