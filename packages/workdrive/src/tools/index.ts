import type { ZohoTool } from '@zoho-agent-kit/core';
import type { WorkDriveClient } from '../client.js';
import { workdriveCopy } from './copy.js';
import { workdriveCreateFolder } from './create-folder.js';
import { workdriveDownload } from './download.js';
import { workdriveListFiles } from './list-files.js';
import { workdriveListTeams } from './list-teams.js';
import { workdriveMove } from './move.js';
import { workdriveRename } from './rename.js';
import { workdriveSearch } from './search.js';
import { workdriveShare } from './share.js';
import { workdriveTrash } from './trash.js';
import { workdriveUpload } from './upload.js';

export { workdriveCopy, workdriveCreateFolder, workdriveDownload, workdriveListFiles, workdriveListTeams, workdriveMove, workdriveRename, workdriveSearch, workdriveShare, workdriveTrash, workdriveUpload };

/** Every WorkDrive tool, reads first. */
export const workdriveTools: ZohoTool<WorkDriveClient>[] = [
  workdriveListTeams,
  workdriveListFiles,
  workdriveSearch,
  workdriveDownload,
  workdriveUpload,
  workdriveCreateFolder,
  workdriveShare,
  workdriveMove,
  workdriveCopy,
  workdriveRename,
  workdriveTrash,
];
