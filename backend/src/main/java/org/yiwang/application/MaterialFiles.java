package org.yiwang.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.unit.DataSize;
import org.yiwang.common.ApiException;
import org.yiwang.common.Transactions;
import org.yiwang.identity.PersonalDataCipher;

/**
 * Applicants' material files: stored once per owner and content under a keyed-hash address, encrypted at rest,
 * within per-account quotas. Everything that adds or drops a reference to a file first locks its owner's row,
 * so quotas are exact on several nodes and a file is deleted only when, under that lock, no row refers to it.
 */
@Component
class MaterialFiles {

    /** Keys of content-addressed files; older keys ({@code yyyy/MM/uuid}) belong to exactly one row each. */
    private static final String CONTENT = "cas/";

    private final ApplicationMapper mapper;
    private final MaterialStorage storage;
    private final PersonalDataCipher cipher;
    private final Transactions transactions;
    private final long openDrafts;
    private final long filesPerMaterial;
    private final DataSize storedBytes;

    MaterialFiles(ApplicationMapper mapper, MaterialStorage storage, PersonalDataCipher cipher, Transactions transactions,
            @Value("${yiwang.quota.open-drafts:20}") long openDrafts,
            @Value("${yiwang.quota.files-per-material:10}") long filesPerMaterial,
            @Value("${yiwang.quota.stored-bytes:1GB}") DataSize storedBytes) {
        this.mapper = mapper;
        this.storage = storage;
        this.cipher = cipher;
        this.transactions = transactions;
        this.openDrafts = openDrafts;
        this.filesPerMaterial = filesPerMaterial;
        this.storedBytes = storedBytes;
    }

    /** Locks the applicant's row until the surrounding transaction ends, creating it on first use. */
    void lockOwner(long accountId) {
        if (mapper.lockApplicant(accountId) == null) {
            transactions.separatelyRetryingDeadlocks(() -> {
                try {
                    mapper.insertApplicantLock(accountId);
                } catch (org.springframework.dao.DuplicateKeyException raced) {
                    // another request created it meanwhile: the row is there, which is all we need
                }
                return null;
            });
            mapper.lockApplicant(accountId);
        }
    }

    /** Before a new draft: the applicant's open drafts stay within the quota. */
    void checkNewDraft(long accountId) {
        lockOwner(accountId);
        if (mapper.countOpenDrafts(accountId) >= openDrafts) {
            throw quota("openDrafts", "未提交的草稿已达上限 " + openDrafts + " 件，请先提交或删除部分草稿");
        }
    }

    /**
     * Stores a file for a material of an application, within the quotas, and answers its storage key. The
     * owner stays locked until the caller's transaction ends, in which the caller inserts the row; if it rolls
     * back, the file goes again unless another row refers to it.
     */
    String store(Application a, long materialId, byte[] plain) {
        lockOwner(a.applicantId);
        checkFiles(a, materialId);
        String address = cipher.contentAddress(a.applicantId, plain);
        String key = CONTENT + address.substring(0, 2) + "/" + address;
        if (mapper.countReferences(key) == 0) {
            checkBytes(a.applicantId, plain.length);
        }
        if (!storage.exists(key)) {
            storage.write(key, cipher.sealFile(plain));
        }
        releaseOnRollback(a.applicantId, key);
        return key;
    }

    /**
     * The key under which an earlier file of the same owner can be referred to again. A content-addressed file
     * is shared as it is; an older one (one file per row, in the clear) is stored anew by its content.
     */
    String reuse(Application a, long materialId, String earlierKey) {
        if (!earlierKey.startsWith(CONTENT)) {
            return store(a, materialId, read(earlierKey));
        }
        lockOwner(a.applicantId);
        checkFiles(a, materialId);
        if (!storage.exists(earlierKey)) {
            throw ApiException.notFound("材料文件");
        }
        return earlierKey;
    }

    InputStream open(String key) {
        return new ByteArrayInputStream(read(key));
    }

    /** After a row referring to the key is gone (committed): removes the file unless another row refers to it. */
    void release(long ownerId, String key) {
        if (!key.startsWith(CONTENT)) {
            storage.delete(key);
            return;
        }
        transactions.separatelyRetryingDeadlocks(() -> {
            lockOwner(ownerId);
            if (mapper.countReferences(key) == 0) {
                storage.delete(key);
            }
            return null;
        });
    }

    /** Releases the key once the current transaction has committed. */
    void releaseAfterCommit(long ownerId, String key) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                release(ownerId, key);
            }
        });
    }

    private void releaseOnRollback(long ownerId, String key) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    release(ownerId, key);
                }
            }
        });
    }

    private byte[] read(String key) {
        try (InputStream in = storage.open(key)) {
            return cipher.openFile(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkFiles(Application a, long materialId) {
        if (mapper.countFiles(a.id, materialId) >= filesPerMaterial) {
            throw quota("filesPerMaterial", "每项材料至多上传 " + filesPerMaterial + " 个文件");
        }
    }

    private void checkBytes(long accountId, long adding) {
        if (mapper.storedBytes(accountId) + adding > storedBytes.toBytes()) {
            throw quota("storedBytes", "您存储的材料文件已达上限 " + storedBytes.toMegabytes() + " MB，请删除不再需要的草稿或文件");
        }
    }

    private static ApiException quota(String which, String message) {
        return new ApiException(HttpStatus.CONFLICT, "QUOTA_EXCEEDED", message, which);
    }
}
