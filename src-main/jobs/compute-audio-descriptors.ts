/** The job that stores a movie's emobase2010 descriptors; resumes after the last stored chunk. */
import type { JobParams, JobResult } from '../contract/jobs.js';
import { AUDIO_DESCRIPTOR_KIND } from '../analysis/audio-descriptors.js';
import { runAudioPath } from '../analysis/audio-path.js';
import type { Project } from '../store/project.js';
import type { TaskContext } from '../util/task-context.js';

export async function computeAudioDescriptors(project: Project, { movieId }: JobParams<'audio-descriptors'>, ctx: TaskContext): Promise<JobResult<'audio-descriptors'>> {
  const movie = project.movies.get(movieId);
  const before = project.descriptors.list(movieId).find((s) => s.kind === AUDIO_DESCRIPTOR_KIND);
  const { audio } = await runAudioPath(project, movie, null, ctx, (f) => ctx.progress(f, 'audio descriptors'));
  return { setId: audio.id, frames: audio.frames, reused: before?.complete === true && before.id === audio.id };
}
