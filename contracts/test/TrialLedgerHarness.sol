// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TrialLedger} from "../TrialLedger.sol";

/// @title TrialLedgerHarness (TEST ONLY, never deployed outside tests)
/// @notice Exposes TrialLedger's internal proof verification and lets tests put a trial's checkpoint into an
/// arbitrary state, so conformance vectors can be run through the real `checkpoint` code path. The production
/// contract has none of these functions.
contract TrialLedgerHarness is TrialLedger {
    /// @notice Test only: overwrites a registered trial's stored checkpoint without any check.
    function forceCheckpoint(bytes32 trialId, uint64 treeSize, bytes32 rootHash) external {
        TrialState storage t = _trials[trialId];
        t.treeSize = treeSize;
        t.rootHash = rootHash;
    }

    function verifyConsistency(uint64 size1, uint64 size2, bytes32 root1, bytes32 root2, bytes32[] calldata proof)
        external
        pure
        returns (bool)
    {
        return _verifyConsistency(size1, size2, root1, root2, proof);
    }

    function verifyInclusionAt(
        bytes32 leafHash,
        uint64 leafIndex,
        uint64 treeSize,
        bytes32 rootHash,
        bytes32[] calldata proof
    ) external pure returns (bool) {
        return _verifyInclusion(leafHash, leafIndex, treeSize, rootHash, proof);
    }

    function hashChildren(bytes32 left, bytes32 right) external pure returns (bytes32) {
        return _hashChildren(left, right);
    }

    function bitLength(uint64 x) external pure returns (uint256) {
        return _bitLength(x);
    }

    function popCount(uint64 x) external pure returns (uint256) {
        return _popCount(x);
    }

    function trailingZeros(uint64 x) external pure returns (uint256) {
        return _trailingZeros(x);
    }
}
