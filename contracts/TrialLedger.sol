// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title TrialLedger
/// @notice Per-trial registry of protocol versions and of append-only Merkle log checkpoints.
///
/// Each clinical trial has one append-only log (RFC 9162 §2.1 Merkle tree: SHA-256, leaf hash
/// `SHA-256(0x00 ‖ data)`, interior node `SHA-256(0x01 ‖ left ‖ right)`). This contract stores, per trial,
/// the sponsor, the anchorer, every protocol version hash and the latest checkpoint `(treeSize, rootHash)`
/// of the trial's log. A new checkpoint is only accepted together with an RFC 9162 §2.1.4 consistency proof
/// from the stored checkpoint, verified on chain, so the chain itself guarantees the log only ever grows.
///
/// @dev Trial ids. The `bytes32 trialId` used by every function ("chainTrialId") is derived by the contract from the
/// registering account and the hash of the public trial id (e.g. "TP-2026-0001"):
///
///     publicIdHash = keccak256(utf8Bytes(publicTrialId))
///     chainTrialId = keccak256(abi.encode(sponsor, publicIdHash))        // trialIdOf(sponsor, publicIdHash)
///
/// so a trial id can only ever be registered by its own sponsor: registering the next public id first, or copying a
/// sponsor's pending `registerTrial`, registers a different trial id (the copier's own) and leaves the sponsor's free.
///
/// Privacy: the contract stores only trial ids, addresses, hashes, tree sizes and protocol version numbers.
/// No personal data is ever passed to or stored by it.
///
/// Protocol versions are numbered from 1: `registerTrial` records version 1 and each `amendProtocol` adds the
/// next one. `protocolHash` is the RFC 9162 leaf hash of the `protocol.version` log record.
///
/// Views never revert: an unknown trial reads as all zeros (`sponsor == address(0)` means "not registered"),
/// and an unknown protocol version reads as `bytes32(0)`.
contract TrialLedger {
    // ---------------------------------------------------------------------------------------------------------
    // Events (signatures are part of the public interface)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice A trial was registered; `sponsor` is the registering account, `trialId` is
    /// `trialIdOf(sponsor, publicIdHash)` and `protocolHash` is version 1.
    event TrialRegistered(
        bytes32 indexed trialId, address indexed sponsor, bytes32 indexed publicIdHash, bytes32 protocolHash, address anchorer
    );

    /// @notice The sponsor added protocol version `version` (2, 3, ...).
    event ProtocolAmended(bytes32 indexed trialId, uint32 version, bytes32 protocolHash);

    /// @notice The sponsor changed the account allowed to checkpoint the trial's log.
    event AnchorerChanged(bytes32 indexed trialId, address anchorer);

    /// @notice A new checkpoint of the trial's log was accepted (emitted once per trial per checkpoint).
    event Checkpointed(bytes32 indexed trialId, uint64 treeSize, bytes32 rootHash);

    // ---------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------

    error TrialAlreadyRegistered(bytes32 trialId);
    error TrialNotRegistered(bytes32 trialId);
    error NotSponsor(bytes32 trialId, address caller);
    error NotAnchorer(bytes32 trialId, address caller);
    /// @notice The proposed tree size is not strictly greater than the stored one.
    error TreeNotGrowing(uint64 current, uint64 proposed);
    /// @notice The consistency proof does not prove that the stored tree is a prefix of the proposed one.
    error InconsistentCheckpoint(bytes32 trialId);
    /// @notice A trial's first checkpoint has nothing to be consistent with and must come with an empty proof.
    error UnexpectedConsistencyProof(bytes32 trialId);
    error ZeroProtocolHash();
    error ZeroPublicIdHash();
    error ZeroRootHash();
    error ZeroAddress();
    error EmptyBatch();
    /// @notice The trial already has 2^32 - 1 protocol versions.
    error TooManyProtocolVersions(bytes32 trialId);

    // ---------------------------------------------------------------------------------------------------------
    // Storage
    // ---------------------------------------------------------------------------------------------------------

    /// @dev Packed so that `checkpoint` reads the anchorer and the tree size with one SLOAD.
    struct TrialState {
        address sponsor; // slot 0
        uint32 protocolVersion; // slot 0
        address anchorer; // slot 1
        uint64 treeSize; // slot 1
        bytes32 rootHash; // slot 2
    }

    /// @notice One entry of `checkpointBatch`.
    struct CheckpointRequest {
        bytes32 trialId;
        uint64 treeSize;
        bytes32 rootHash;
        bytes32[] consistencyProof;
    }

    mapping(bytes32 trialId => TrialState) internal _trials;
    mapping(bytes32 trialId => mapping(uint32 version => bytes32 protocolHash)) internal _protocolHashes;

    // ---------------------------------------------------------------------------------------------------------
    // Sponsor functions
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Registers a trial with its first protocol version; the caller becomes its sponsor.
    /// @param publicIdHash keccak256 of the UTF-8 bytes of the public trial id. Must not be zero.
    /// @param protocolHash_ Leaf hash of the `protocol.version` record (version 1). Must not be zero.
    /// @param anchorer Account allowed to checkpoint the trial's log. Must not be zero.
    /// @return trialId The trial's id, `trialIdOf(msg.sender, publicIdHash)`, used by every other function.
    function registerTrial(bytes32 publicIdHash, bytes32 protocolHash_, address anchorer) external returns (bytes32 trialId) {
        if (publicIdHash == bytes32(0)) revert ZeroPublicIdHash();
        if (protocolHash_ == bytes32(0)) revert ZeroProtocolHash();
        if (anchorer == address(0)) revert ZeroAddress();
        trialId = trialIdOf(msg.sender, publicIdHash);
        TrialState storage t = _trials[trialId];
        if (t.sponsor != address(0)) revert TrialAlreadyRegistered(trialId);

        t.sponsor = msg.sender;
        t.protocolVersion = 1;
        t.anchorer = anchorer;
        _protocolHashes[trialId][1] = protocolHash_;

        emit TrialRegistered(trialId, msg.sender, publicIdHash, protocolHash_, anchorer);
    }

    /// @notice Adds the next protocol version. Sponsor only.
    /// @param protocolHash_ Leaf hash of the new `protocol.version` record. Must not be zero.
    function amendProtocol(bytes32 trialId, bytes32 protocolHash_) external {
        if (protocolHash_ == bytes32(0)) revert ZeroProtocolHash();
        TrialState storage t = _onlySponsor(trialId);
        uint32 version = t.protocolVersion;
        if (version == type(uint32).max) revert TooManyProtocolVersions(trialId);
        unchecked {
            version += 1;
        }
        t.protocolVersion = version;
        _protocolHashes[trialId][version] = protocolHash_;

        emit ProtocolAmended(trialId, version, protocolHash_);
    }

    /// @notice Changes the account allowed to checkpoint the trial's log. Sponsor only.
    function setAnchorer(bytes32 trialId, address anchorer) external {
        if (anchorer == address(0)) revert ZeroAddress();
        TrialState storage t = _onlySponsor(trialId);
        t.anchorer = anchorer;

        emit AnchorerChanged(trialId, anchorer);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Anchorer functions
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Records a new checkpoint `(treeSize, rootHash)` of the trial's log. Anchorer only.
    /// @dev The first checkpoint of a trial must come with an empty proof. Every later one must be strictly
    /// larger than the stored checkpoint and come with the RFC 9162 §2.1.4 consistency proof from the stored
    /// `(treeSize, rootHash)` to the new one; it is verified here (RFC 9162 §2.1.4.2).
    /// Reverts with TrialNotRegistered, NotAnchorer, ZeroRootHash, TreeNotGrowing, UnexpectedConsistencyProof
    /// or InconsistentCheckpoint.
    function checkpoint(bytes32 trialId, uint64 treeSize, bytes32 rootHash, bytes32[] calldata consistencyProof)
        external
    {
        _checkpoint(trialId, treeSize, rootHash, consistencyProof);
    }

    /// @notice Records checkpoints of several trials in one transaction, in array order.
    /// @dev All or nothing: if any entry fails (for any reason `checkpoint` would fail), the whole transaction
    /// reverts with that entry's error and no checkpoint of the batch is stored. The caller must be the anchorer
    /// of every trial in the batch. A trial may appear more than once; each entry is then checked against the
    /// checkpoint stored by the previous one.
    /// Why all or nothing: a partial success would have to be reported per entry and parsed by the anchorer;
    /// instead the anchorer reads `latestCheckpoint` of the failing trial (named in the error), drops or rebuilds
    /// that entry and resends. A batch resent after a crash reverts with TreeNotGrowing and changes nothing.
    function checkpointBatch(CheckpointRequest[] calldata requests) external {
        uint256 n = requests.length;
        if (n == 0) revert EmptyBatch();
        for (uint256 i = 0; i < n; ++i) {
            CheckpointRequest calldata r = requests[i];
            _checkpoint(r.trialId, r.treeSize, r.rootHash, r.consistencyProof);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @notice The trial id `sponsor` gets by registering the public id whose keccak256 is `publicIdHash`.
    function trialIdOf(address sponsor, bytes32 publicIdHash) public pure returns (bytes32) {
        return keccak256(abi.encode(sponsor, publicIdHash));
    }

    /// @notice The latest checkpoint of a trial's log; `(0, 0)` if it was never checkpointed.
    function latestCheckpoint(bytes32 trialId) external view returns (uint64 treeSize, bytes32 rootHash) {
        TrialState storage t = _trials[trialId];
        return (t.treeSize, t.rootHash);
    }

    /// @notice A trial's sponsor, anchorer, current protocol version and its hash (all zero if unregistered).
    function trial(bytes32 trialId)
        external
        view
        returns (address sponsor, address anchorer, uint32 protocolVersion, bytes32 latestProtocolHash)
    {
        TrialState storage t = _trials[trialId];
        uint32 version = t.protocolVersion;
        return (t.sponsor, t.anchorer, version, _protocolHashes[trialId][version]);
    }

    /// @notice The hash of protocol version `version` (1-based) of a trial; `bytes32(0)` if there is none.
    function protocolHash(bytes32 trialId, uint32 version) external view returns (bytes32) {
        return _protocolHashes[trialId][version];
    }

    /// @notice Verifies an RFC 9162 §2.1.3 inclusion proof of `leafHash` at `leafIndex` against the trial's
    /// latest checkpoint.
    /// @dev Never reverts on bad input: returns false for a wrong proof, an index outside the checkpointed tree,
    /// a wrongly sized proof, or a trial that was never checkpointed.
    /// @param leafHash The RFC 9162 leaf hash, `SHA-256(0x00 ‖ canonical record bytes)`.
    function verifyInclusion(bytes32 trialId, bytes32 leafHash, uint64 leafIndex, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        TrialState storage t = _trials[trialId];
        return _verifyInclusion(leafHash, leafIndex, t.treeSize, t.rootHash, proof);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _onlySponsor(bytes32 trialId) private view returns (TrialState storage t) {
        t = _trials[trialId];
        address sponsor = t.sponsor;
        if (sponsor == address(0)) revert TrialNotRegistered(trialId);
        if (sponsor != msg.sender) revert NotSponsor(trialId, msg.sender);
    }

    function _checkpoint(bytes32 trialId, uint64 treeSize, bytes32 rootHash, bytes32[] calldata proof) private {
        TrialState storage t = _trials[trialId];
        address anchorer = t.anchorer;
        // A registered trial always has a non-zero anchorer (registerTrial and setAnchorer refuse zero).
        if (anchorer == address(0)) revert TrialNotRegistered(trialId);
        if (anchorer != msg.sender) revert NotAnchorer(trialId, msg.sender);
        if (rootHash == bytes32(0)) revert ZeroRootHash();

        uint64 current = t.treeSize;
        if (treeSize <= current) revert TreeNotGrowing(current, treeSize);
        if (current == 0) {
            if (proof.length != 0) revert UnexpectedConsistencyProof(trialId);
        } else if (!_verifyConsistency(current, treeSize, t.rootHash, rootHash, proof)) {
            revert InconsistentCheckpoint(trialId);
        }

        t.treeSize = treeSize;
        t.rootHash = rootHash;
        emit Checkpointed(trialId, treeSize, rootHash);
    }

    /// @dev RFC 9162 §2.1.4.2 consistency proof verification (the algorithm of transparency-dev/merkle
    /// `VerifyConsistency`) for `0 < size1 < size2`. Returns false for any other sizes.
    function _verifyConsistency(uint64 size1, uint64 size2, bytes32 root1, bytes32 root2, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (size1 == 0 || size1 >= size2 || proof.length == 0) return false;

        // The proof is (a suffix of) the inclusion proof of leaf size1 - 1 in the tree of size2, minus the
        // `shift` lowest levels, which form a perfect subtree of the old tree.
        (uint256 inner, uint256 border) = _decompInclProof(size1 - 1, size2);
        uint256 shift = _trailingZeros(size1);
        inner -= shift; // shift < inner because size1 < size2

        // The proof starts with the root of the subtree of size 2^shift, unless size1 is that very 2^shift:
        // then the subtree is the whole old tree and its root is root1.
        bytes32 seed;
        uint256 start;
        if (uint256(size1) == uint256(1) << shift) {
            seed = root1;
            start = 0;
        } else {
            seed = proof[0];
            start = 1;
        }
        if (proof.length != start + inner + border) return false;

        uint256 mask = (size1 - 1) >> shift;
        bytes32 hash1 = seed; // recomputes root1
        bytes32 hash2 = seed; // recomputes root2
        for (uint256 i = 0; i < inner; ++i) {
            bytes32 sibling = proof[start + i];
            if (((mask >> i) & 1) == 1) {
                hash1 = _hashChildren(sibling, hash1);
                hash2 = _hashChildren(sibling, hash2);
            } else {
                // A right sibling is a subtree appended after size1: it is part of the new tree only.
                hash2 = _hashChildren(hash2, sibling);
            }
        }
        for (uint256 i = start + inner; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            hash1 = _hashChildren(sibling, hash1);
            hash2 = _hashChildren(sibling, hash2);
        }
        return hash1 == root1 && hash2 == root2;
    }

    /// @dev RFC 9162 §2.1.3.2 inclusion proof verification (transparency-dev/merkle `VerifyInclusion`).
    /// Returns false instead of reverting on any bad input. A zero leaf hash is never valid: it is not a
    /// SHA-256 output one can find, and refusing it keeps "no value" from ever matching "no value".
    function _verifyInclusion(bytes32 leafHash, uint64 index, uint64 size, bytes32 root, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (index >= size || leafHash == bytes32(0)) return false;
        (uint256 inner, uint256 border) = _decompInclProof(index, size);
        if (proof.length != inner + border) return false;

        bytes32 h = leafHash;
        for (uint256 i = 0; i < inner; ++i) {
            if (((index >> i) & 1) == 0) {
                h = _hashChildren(h, proof[i]);
            } else {
                h = _hashChildren(proof[i], h);
            }
        }
        for (uint256 i = inner; i < proof.length; ++i) {
            h = _hashChildren(proof[i], h);
        }
        return h == root;
    }

    /// @dev RFC 9162 interior node hash: SHA-256(0x01 ‖ left ‖ right), via the SHA-256 precompile.
    function _hashChildren(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return sha256(abi.encodePacked(bytes1(0x01), left, right));
    }

    /// @dev Splits the inclusion proof of `index` in a tree of `size` (index < size) into the number of
    /// "inner" levels (below the point where the paths to `index` and to `size - 1` meet) and of "border"
    /// levels (left siblings above it, one per set bit of `index >> inner`).
    function _decompInclProof(uint64 index, uint64 size) internal pure returns (uint256 inner, uint256 border) {
        inner = _bitLength(uint256(index ^ (size - 1)));
        border = _popCount(uint256(index) >> inner);
    }

    /// @dev Number of bits needed to represent x (0 for 0). x < 2^64.
    function _bitLength(uint256 x) internal pure returns (uint256 n) {
        unchecked {
            if (x >> 32 != 0) {
                x >>= 32;
                n += 32;
            }
            if (x >> 16 != 0) {
                x >>= 16;
                n += 16;
            }
            if (x >> 8 != 0) {
                x >>= 8;
                n += 8;
            }
            if (x >> 4 != 0) {
                x >>= 4;
                n += 4;
            }
            if (x >> 2 != 0) {
                x >>= 2;
                n += 2;
            }
            if (x >> 1 != 0) {
                x >>= 1;
                n += 1;
            }
            n += x;
        }
    }

    /// @dev Number of set bits of x. x < 2^64.
    function _popCount(uint256 x) internal pure returns (uint256) {
        unchecked {
            x = x - ((x >> 1) & 0x5555555555555555);
            x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333);
            x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f;
            return ((x * 0x0101010101010101) & 0xffffffffffffffff) >> 56;
        }
    }

    /// @dev Number of trailing zero bits of x, for 0 < x < 2^64.
    function _trailingZeros(uint64 x) internal pure returns (uint256) {
        unchecked {
            uint256 v = uint256(x);
            return _bitLength(v & (~v + 1)) - 1;
        }
    }
}
