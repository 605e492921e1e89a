/** Where a case action with photos of its result (RESOLVE) has got to; the dialog keeps it across retries. */
export interface ActionProgress {
  /** The upload id of each chosen photo, by position, once uploaded: a retry uploads only the others. */
  uploadIds: ReadonlyArray<string | undefined>;
  /** The case mutation went through: a retry must not send it again (the case has moved on). */
  applied: boolean;
  /** attachMedia answered: the photos are on the case. */
  attached: boolean;
}

export const NO_PROGRESS: ActionProgress = { uploadIds: [], applied: false, attached: false };

/** The steps, bound by the dialog to tus and the GraphQL client (CaseDrawer.tsx). */
export interface CaseActionSteps<Photo> {
  /** Uploads one photo (tus); resolves with its upload id. */
  upload(photo: Photo): Promise<string>;
  /** The case mutation (resolveCase …). */
  apply(): Promise<void>;
  /** attachMedia of these uploads to the case. */
  attach(uploadIds: string[]): Promise<void>;
}

/**
 * Runs a case action in three steps, each recorded (`save`) as it completes, so that a retry after any failure
 * repeats only what did not happen:
 * 1. each photo is uploaded (tus) before the case moves, so a refused file stops the action with nothing changed;
 * 2. the case mutation, once: after it the case is in its next state, and sending it again would be refused;
 * 3. attachMedia with the same upload ids: media attaches an upload to one owner once, so sending it again (an
 *    attach that failed, or whose answer was lost after media made it) returns the same attachments and
 *    creates none (services/media/README.md, "An upload attaches to one owner, once").
 * Throws the first failure; the progress saved up to then says what a retry still has to do.
 */
export async function runCaseAction<Photo>(
  photos: readonly Photo[],
  start: ActionProgress,
  steps: CaseActionSteps<Photo>,
  save: (progress: ActionProgress) => void,
): Promise<ActionProgress> {
  let progress = start;
  const record = (patch: Partial<ActionProgress>) => {
    progress = { ...progress, ...patch };
    save(progress);
  };
  if (!progress.applied) {
    // All uploads run to their end (each kept as it finishes), then the first failure stops the action.
    const outcomes = await Promise.allSettled(
      photos.map(async (photo, index) => {
        if (progress.uploadIds[index]) return;
        const uploadId = await steps.upload(photo);
        const uploadIds = [...progress.uploadIds];
        uploadIds[index] = uploadId;
        record({ uploadIds });
      }),
    );
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    await steps.apply();
    record({ applied: true });
  }
  const uploadIds = progress.uploadIds.filter((id): id is string => Boolean(id));
  if (uploadIds.length > 0 && !progress.attached) {
    await steps.attach(uploadIds);
    record({ attached: true });
  }
  return progress;
}

/** The case moved, but its uploaded photos are not attached yet: the dialog offers to attach them again. */
export function awaitsAttach(progress: ActionProgress): boolean {
  return progress.applied && !progress.attached && progress.uploadIds.some(Boolean);
}
