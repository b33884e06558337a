import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../host/services';

const PROJECT_FILTER = { name: 'Seqwire project', extensions: ['json'] };
const ALL_FILES = { name: 'All files', extensions: ['*'] };

/** The host's dialogs as the operating system's own; what they return is what the user chose. */
export function nativeDialogs(window: () => BrowserWindow | null): Dialogs {
  const open = async (options: Electron.OpenDialogOptions) => {
    const win = window();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
  const save = async (options: Electron.SaveDialogOptions) => {
    const win = window();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    openProject: (defaultPath) => open({ title: 'Open Project', defaultPath, filters: [PROJECT_FILTER, ALL_FILES], properties: ['openFile'] }),
    saveProject: (suggestedName, defaultDir) =>
      save({ title: 'Save Project', defaultPath: defaultDir ? `${defaultDir}/${suggestedName}` : suggestedName, filters: [PROJECT_FILTER], properties: ['createDirectory', 'showOverwriteConfirmation'] }),
    openDataset: (defaultPath) =>
      open({ title: 'Choose a Dataset File', defaultPath, filters: [{ name: 'Datasets', extensions: ['csv', 'ndjson', 'jsonl', 'txt', 'tsv'] }, ALL_FILES], properties: ['openFile'] }),
    openModel: () => open({ title: 'Import a model', filters: [{ name: 'Keras or TensorFlow.js model', extensions: ['json', 'keras', 'h5', 'hdf5'] }], properties: ['openFile'] }),
    exportTarget: (format, suggestedName) =>
      format === 'keras'
        ? save({ title: 'Export as Keras Python', defaultPath: suggestedName, filters: [{ name: 'Python', extensions: ['py'] }], properties: ['createDirectory', 'showOverwriteConfirmation'] })
        : open({ title: 'Export TensorFlow.js Files into Folder', properties: ['openDirectory', 'createDirectory'] }),
  };
}
