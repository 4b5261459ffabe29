import { share } from './share.ts';
import {
  confirm as confirmMail,
  unsubscribeAction,
  lostLinks,
  resend as resendMail,
  saveSettings as saveMailSettings,
  teamPreferences,
} from './mail.ts';
import { preview } from './preview.ts';
import { lightCandle } from './candle.ts';
import { authorEdit, authorEditComment, authorWithdraw } from './author-link.ts';
import { decide, editSouvenir, revert } from './moderation.ts';
import { contact, markContact, savePublisherDetails, setupAdmin } from './association.ts';
import { login, logout, changePassword, endOtherSessions } from './auth.ts';
import { create, disable, enable, setRole, resetPassword } from './team.ts';
import { comment } from './comment.ts';
import {
  remove as removePhoto,
  describe as describePhoto,
  authorRemove as authorRemovePhoto,
  authorAdd as authorAddPhoto,
} from './photos.ts';
import { editComment } from './comment-moderation.ts';
import { save as saveRules } from './rules.ts';
import { report } from './report.ts';
import { dismissReports } from './report-moderation.ts';
import * as venueActions from './venue.ts';
import { regenerateLink, search as searchData, erase as eraseData } from './privacy.ts';
import { forgetImport } from './imports.ts';
import { checkOriginalsNowAction } from './import-check.ts';
import { saveImportSettingsAction } from './import-settings.ts';
import { askConsent, declineImportRequest, giveImportConsent, withdrawImportConsent } from './imports-consent.ts';
import {
  add as addImportSource,
  pause as pauseImportSource,
  resume as resumeImportSource,
  remove as removeImportSource,
  readNow as readImportSourceNow,
} from './import-sources.ts';

export const server = {
  // The venue's console and the queue's screen button (issue 21): every export of venue.ts is an Action.
  venue: { ...venueActions },
  mail: {
    confirm: confirmMail,
    unsubscribe: unsubscribeAction,
    lostLinks,
    resend: resendMail,
    saveSettings: saveMailSettings,
    teamPreferences,
  },
  share,
  preview,
  lightCandle,
  comment,
  rules: { save: saveRules },
  authorEdit,
  authorEditComment,
  authorWithdraw,
  report,
  photos: { remove: removePhoto, describe: describePhoto, authorRemove: authorRemovePhoto, authorAdd: authorAddPhoto },
  moderation: { decide, editSouvenir, editComment, dismissReports, regenerateLink, revert, markContact },
  contact,
  setup: { admin: setupAdmin },
  publisher: { save: savePublisherDetails },
  data: { search: searchData, erase: eraseData },
  auth: { login, logout, changePassword, endOtherSessions },
  team: { create, disable, enable, setRole, resetPassword },
  imports: { forget: forgetImport, ask: askConsent },
  consent: { give: giveImportConsent, withdraw: withdrawImportConsent, decline: declineImportRequest },
  importSources: {
    add: addImportSource,
    pause: pauseImportSource,
    resume: resumeImportSource,
    remove: removeImportSource,
    readNow: readImportSourceNow,
    checkNow: checkOriginalsNowAction,
    saveSettings: saveImportSettingsAction,
  },
};
