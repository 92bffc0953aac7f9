// Sandboxed preload: exposes exactly the API contract (call, on, mediaUrl, file paths), nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';

const CALL = 'valence:call';
const EVENT = 'valence:event';

contextBridge.exposeInMainWorld('valenceStudio', {
  call: (method: string, params: unknown) => ipcRenderer.invoke(CALL, method, params),
  on: (event: string, listener: (payload: unknown) => void) => {
    const wrapped = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT, wrapped);
    return () => void ipcRenderer.removeListener(EVENT, wrapped);
  },
  mediaUrl: (movieId: number) => `vs-media://movie/${Number(movieId)}`,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  openMovieDialog: () => ipcRenderer.invoke('valence:open-movie-dialog') as Promise<string[]>,
  projectDialog: (mode: 'open' | 'new') => ipcRenderer.invoke('valence:project-dialog', mode) as Promise<string | null>,
});
