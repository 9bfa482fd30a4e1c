"""Tests of the following feature: mail to followers, digests, unfollow."""
